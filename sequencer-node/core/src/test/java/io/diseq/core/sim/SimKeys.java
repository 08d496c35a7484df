package io.diseq.core.sim;

import io.diseq.core.chain.ConsensusCrypto;
import io.diseq.core.chain.ConsensusVerifier;
import io.diseq.core.chain.Validator;
import io.diseq.core.crypto.Ecvrf;
import io.diseq.core.crypto.Ed25519;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The simulation's key registry and its two crypto ports (docs/simulation.md, "Crypto"). {@link Mode#FAKE}
 * is a fast deterministic stand-in for the bulk runs: a signature is keccak256(secret ‖ message) twice over
 * (64 bytes), a VRF proof is keccak256(secret ‖ alpha) padded to 80 bytes and its output keccak256 of the
 * proof twice over; both verify only through this registry, which maps a public key back to its secret.
 * Forging still fails (a byzantine wrapper does not know honest secrets), and outputs stay unique per
 * key and input, which is all the protocol relies on. {@link Mode#REAL} uses Ed25519 and ECVRF for a
 * smaller fixed seed set.
 */
final class SimKeys implements ConsensusVerifier {
    enum Mode { FAKE, REAL }

    private final Mode mode;
    private final List<byte[]> signSecrets = new ArrayList<>();
    private final List<byte[]> vrfSecrets = new ArrayList<>();
    private final List<Validator> validators = new ArrayList<>();
    private final Map<Bytes, byte[]> secretOfPublic = new HashMap<>();

    SimKeys(Mode mode, int n, SplittableRandom random) {
        this.mode = mode;
        for (int i = 0; i < n; i++) {
            byte[] s = seed(random);
            byte[] v = seed(random);
            signSecrets.add(s);
            vrfSecrets.add(v);
            Bytes sp = publicKey(s, "sign");
            Bytes vp = publicKey(v, "vrf");
            secretOfPublic.put(sp, s);
            secretOfPublic.put(vp, v);
            validators.add(new Validator("v" + i, sp, vp, ""));
        }
    }

    private static byte[] seed(SplittableRandom random) {
        byte[] s = new byte[32];
        for (int i = 0; i < s.length; i += 8) {
            long l = random.nextLong();
            for (int j = 0; j < 8; j++) {
                s[i + j] = (byte) (l >>> (8 * j));
            }
        }
        return s;
    }

    private Bytes publicKey(byte[] secret, String kind) {
        if (mode == Mode.REAL) {
            return Bytes.wrap(kind.equals("sign") ? Ed25519.publicKey(secret) : Ecvrf.publicKey(secret));
        }
        return Bytes.wrap(keccak(kind.getBytes(java.nio.charset.StandardCharsets.US_ASCII), secret));
    }

    List<Validator> validators() {
        return validators;
    }

    /** The crypto port of validator {@code index}: its own keys plus this registry's verification. */
    ConsensusCrypto cryptoOf(int index) {
        byte[] s = signSecrets.get(index);
        byte[] v = vrfSecrets.get(index);
        return new ConsensusCrypto() {
            @Override
            public byte[] sign(byte[] message) {
                return SimKeys.this.sign(s, message);
            }

            @Override
            public byte[] vrfProve(byte[] alpha) {
                return SimKeys.this.prove(v, alpha);
            }

            @Override
            public boolean verify(Bytes signingKey, byte[] message, Bytes signature) {
                return SimKeys.this.verify(signingKey, message, signature);
            }

            @Override
            public Optional<byte[]> vrfVerify(Bytes vrfKey, Bytes pi, byte[] alpha) {
                return SimKeys.this.vrfVerify(vrfKey, pi, alpha);
            }
        };
    }

    /** Signs as validator {@code index}: what a byzantine wrapper uses to craft that validator's messages. */
    byte[] signAs(int index, byte[] message) {
        return sign(signSecrets.get(index), message);
    }

    byte[] proveAs(int index, byte[] alpha) {
        return prove(vrfSecrets.get(index), alpha);
    }

    private byte[] sign(byte[] secret, byte[] message) {
        if (mode == Mode.REAL) {
            return Ed25519.sign(secret, message);
        }
        byte[] h = keccak(secret, message);
        byte[] sig = Arrays.copyOf(h, 64);
        System.arraycopy(h, 0, sig, 32, 32);
        return sig;
    }

    private byte[] prove(byte[] secret, byte[] alpha) {
        if (mode == Mode.REAL) {
            return Ecvrf.prove(secret, alpha);
        }
        return Arrays.copyOf(keccak(secret, alpha), Ecvrf.PROOF_LENGTH);
    }

    @Override
    public boolean verify(Bytes signingKey, byte[] message, Bytes signature) {
        if (mode == Mode.REAL) {
            return Ed25519.verify(signingKey.unsafeArray(), message, signature.unsafeArray());
        }
        byte[] secret = secretOfPublic.get(signingKey);
        return secret != null && signature != null && Arrays.equals(sign(secret, message), signature.unsafeArray());
    }

    @Override
    public Optional<byte[]> vrfVerify(Bytes vrfKey, Bytes pi, byte[] alpha) {
        if (mode == Mode.REAL) {
            return Ecvrf.verify(vrfKey.unsafeArray(), pi.unsafeArray(), alpha);
        }
        byte[] secret = secretOfPublic.get(vrfKey);
        if (secret == null || pi == null || !Arrays.equals(prove(secret, alpha), pi.unsafeArray())) {
            return Optional.empty();
        }
        byte[] h = keccak(pi.unsafeArray(), new byte[0]);
        byte[] beta = Arrays.copyOf(h, Ecvrf.OUTPUT_LENGTH);
        System.arraycopy(h, 0, beta, 32, 32);
        return Optional.of(beta);
    }

    private static byte[] keccak(byte[] a, byte[] b) {
        byte[] in = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, in, a.length, b.length);
        return Keccak256.hash(in);
    }
}
