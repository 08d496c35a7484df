package io.diseq.core.chain;

import io.diseq.core.crypto.Ecvrf;
import io.diseq.core.crypto.Ed25519;
import io.diseq.core.crypto.ValidatorKeys;
import io.diseq.core.util.Bytes;
import java.util.Optional;

/**
 * The production consensus crypto (docs/protocol.md §3–4): Ed25519 signatures (RFC 8032) and
 * ECVRF-EDWARDS25519-SHA512-TAI (RFC 9381, suite 0x03) with two separate 32-byte seeds.
 */
public final class StandardConsensusCrypto implements ConsensusCrypto {
    private static final ConsensusVerifier VERIFIER = new Verifier();

    private final byte[] signingSeed;
    private final byte[] vrfSeed;

    public StandardConsensusCrypto(byte[] signingSeed, byte[] vrfSeed) {
        if (signingSeed.length != Ed25519.SEED_LENGTH || vrfSeed.length != Ecvrf.SEED_LENGTH) {
            throw new IllegalArgumentException("seeds must be 32 bytes");
        }
        this.signingSeed = signingSeed.clone();
        this.vrfSeed = vrfSeed.clone();
    }

    /** The crypto of a validator whose key file was loaded into {@code keys}. */
    public static StandardConsensusCrypto of(ValidatorKeys keys) {
        return new StandardConsensusCrypto(keys.signing().seed(), keys.vrfSeed());
    }

    /** Verification only: all a receipt verifier or an observer needs. */
    public static ConsensusVerifier verifier() {
        return VERIFIER;
    }

    public Bytes signingKey() {
        return Bytes.wrap(Ed25519.publicKey(signingSeed));
    }

    public Bytes vrfKey() {
        return Bytes.wrap(Ecvrf.publicKey(vrfSeed));
    }

    @Override
    public byte[] sign(byte[] message) {
        return Ed25519.sign(signingSeed, message);
    }

    @Override
    public byte[] vrfProve(byte[] alpha) {
        return Ecvrf.prove(vrfSeed, alpha);
    }

    @Override
    public boolean verify(Bytes signingKey, byte[] message, Bytes signature) {
        return VERIFIER.verify(signingKey, message, signature);
    }

    @Override
    public Optional<byte[]> vrfVerify(Bytes vrfKey, Bytes pi, byte[] alpha) {
        return VERIFIER.vrfVerify(vrfKey, pi, alpha);
    }

    private static final class Verifier implements ConsensusVerifier {
        @Override
        public boolean verify(Bytes signingKey, byte[] message, Bytes signature) {
            return signature != null && Ed25519.verify(signingKey.unsafeArray(), message, signature.unsafeArray());
        }

        @Override
        public Optional<byte[]> vrfVerify(Bytes vrfKey, Bytes pi, byte[] alpha) {
            if (pi == null || pi.length() != Ecvrf.PROOF_LENGTH) {
                return Optional.empty();
            }
            return Ecvrf.verify(vrfKey.unsafeArray(), pi.unsafeArray(), alpha);
        }
    }

    @Override
    public String toString() {
        return "StandardConsensusCrypto[signingKey=" + signingKey() + "]";
    }
}
