package io.diseq.core.chain;

import io.diseq.core.util.Bytes;
import java.util.Optional;

/**
 * The verifying half of the consensus crypto port (docs/protocol.md §3, §4, §7): what anyone holding
 * only the validators' public keys needs. Production: Ed25519 and ECVRF-EDWARDS25519-SHA512-TAI;
 * the simulator plugs in a fast deterministic fake. Implementations never throw on malformed input.
 */
public interface ConsensusVerifier {
    boolean verify(Bytes signingKey, byte[] message, Bytes signature);

    /** The 64-byte VRF output beta if pi is a valid proof for alpha under the key, else empty. */
    Optional<byte[]> vrfVerify(Bytes vrfKey, Bytes pi, byte[] alpha);
}
