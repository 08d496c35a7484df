package io.diseq.core.chain;

/**
 * The consensus crypto port of one validator (docs/protocol.md §3, §4, §7.5–7.6): its own signing and
 * VRF keys plus verification. The core never sees secret keys; signing goes through this port (guarded
 * by the consensus signer).
 */
public interface ConsensusCrypto extends ConsensusVerifier {
    /** An Ed25519 signature with this validator's signing key. */
    byte[] sign(byte[] message);

    /** The 80-byte ECVRF proof pi for alpha with this validator's VRF key. */
    byte[] vrfProve(byte[] alpha);
}
