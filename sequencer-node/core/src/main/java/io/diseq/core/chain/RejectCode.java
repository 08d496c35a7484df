package io.diseq.core.chain;

/**
 * Stable reason codes for rejected consensus messages and blocks (docs/protocol.md §7.15). The names
 * are part of the wire and metrics contract: never rename or reuse one, only add.
 */
public enum RejectCode {
    /** The signature does not verify under the sender's key. */
    BAD_SIGNATURE,
    /** The sender index is not in the validator set. */
    UNKNOWN_VALIDATOR,
    /** The message names another chain id. */
    WRONG_CHAIN,
    /** The message is for a height already decided. */
    STALE_HEIGHT,
    /** The message is for a round that can no longer matter (a commitment for a past round). */
    STALE_ROUND,
    /** The message is for a height beyond the buffered window (the node may need to catch up). */
    FUTURE_HEIGHT,
    /** The message is for a round too far beyond the current one to be buffered. */
    FUTURE_ROUND,
    /** A proposal from a validator other than the one the round's commitment selects. */
    WRONG_PROPOSER,
    /** A proposal without a valid commitment of its round, or a commitment whose ECVRF proof fails. */
    BAD_VRF_PROOF,
    /** A commitment signed by a validator other than the committer of (h, r). */
    WRONG_COMMITTER,
    /** The same message again (counted once). */
    DUPLICATE_VOTE,
    /** A second, different message from one validator for one (h, r, kind): recorded as evidence. */
    EQUIVOCATION,
    /** The proposed or synced block breaks a block rule (roots, ranges, timestamp, …; see the detail). */
    INVALID_BLOCK,
    /** The node does not hold the records a proposal names, and the propose timeout expired. */
    UNAVAILABLE_DATA,
    /** The message is structurally invalid (lengths, rounds, fields). */
    MALFORMED,
    /** A certificate lacks a quorum of distinct valid precommits, or names another block. */
    BAD_CERTIFICATE,
    /** A message receipt's trie proof does not prove the message under the header's roots. */
    BAD_PROOF
}
