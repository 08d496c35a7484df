package io.diseq.core.consensus;

import io.diseq.core.chain.ConsensusCrypto;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.util.Arrays;
import java.util.Optional;

/**
 * A fast, deterministic and deliberately INSECURE stand-in for Ed25519 and ECVRF, for scenario tests and
 * the simulator's bulk runs: the "secret" is the public key itself, a signature is
 * keccak256(pk ‖ msg) ‖ 32 zero bytes, a VRF proof is keccak256(pk ‖ alpha) ‖ 48 zero bytes and its
 * output keccak256(pi) ‖ keccak256(pi) (one hash each, for speed). It has the properties consensus
 * relies on (deterministic, unique per key and input, verifiable against the public key) but none of
 * the unforgeability: never use it outside tests.
 */
public final class FastTestCrypto implements ConsensusCrypto {
    public static final FastTestCrypto VERIFIER = new FastTestCrypto(Bytes.wrap(new byte[32]), Bytes.wrap(new byte[32]));

    private final Bytes signingKey;
    private final Bytes vrfKey;

    public FastTestCrypto(Bytes signingKey, Bytes vrfKey) {
        this.signingKey = signingKey;
        this.vrfKey = vrfKey;
    }

    /** Keys for validator {@code i} of a test chain: distinct, deterministic. */
    public static FastTestCrypto forValidator(int i) {
        return new FastTestCrypto(key(i, 1), key(i, 2));
    }

    private static Bytes key(int i, int kind) {
        return Bytes.wrap(Keccak256.hash(new byte[] {(byte) kind, (byte) (i >> 8), (byte) i}));
    }

    public Bytes signingKey() {
        return signingKey;
    }

    public Bytes vrfKey() {
        return vrfKey;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] signWith(Bytes pk, byte[] message) {
        return Arrays.copyOf(Keccak256.hash(concat(pk.unsafeArray(), message)), 64);
    }

    static byte[] proveWith(Bytes pk, byte[] alpha) {
        return Arrays.copyOf(signWith(pk, alpha), 80);
    }

    @Override
    public byte[] sign(byte[] message) {
        return signWith(signingKey, message);
    }

    @Override
    public byte[] vrfProve(byte[] alpha) {
        return proveWith(vrfKey, alpha);
    }

    @Override
    public boolean verify(Bytes key, byte[] message, Bytes signature) {
        return signature != null && Arrays.equals(signWith(key, message), signature.unsafeArray());
    }

    @Override
    public Optional<byte[]> vrfVerify(Bytes key, Bytes pi, byte[] alpha) {
        if (pi == null || !Arrays.equals(proveWith(key, alpha), pi.unsafeArray())) {
            return Optional.empty();
        }
        byte[] h = Keccak256.hash(pi.unsafeArray());
        return Optional.of(concat(h, h));
    }
}
