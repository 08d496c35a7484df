package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.util.Bytes;
import java.util.List;

/**
 * What a validator must never forget (docs/protocol.md §7.14): the last (height, round, step) it
 * signed, the keccak256 of what it signed there, the signature and the signed value (block id, empty
 * for nil, or the commitment's pi); its own votes of the latest round it voted in (so that after a
 * restart it can re-send exactly those messages: the round's other holders may have crashed too); its
 * Tendermint lock and valid value for that height; and the polka (the 2f+1 prevotes of validRound for
 * validBlock) that lets it re-propose its valid value to nodes that never saw or have forgotten those
 * prevotes. Persisted by the driver (effect {@link Effect.PersistSignerState}) before any message
 * signed under it leaves the process; handed back to the core on restart. Bytes: {@link SignerStateCodec}.
 *
 * @param lockedRound −1 with {@code lockedBlock} null when unlocked; same for validRound/validBlock
 */
public record SignerState(long height, int round, SignStep step, Bytes signedHash, Bytes signature,
                          Bytes signedValue, int lockedRound, BlockHeader lockedBlock, int validRound,
                          BlockHeader validBlock, List<Vote> validPolka, List<Vote> ownVotes) {
    /** A validator that never signed anything. */
    public static final SignerState INITIAL = new SignerState(0, -1, SignStep.COMMITMENT, Bytes.EMPTY, Bytes.EMPTY,
            Bytes.EMPTY, -1, null, -1, null, List.of(), List.of());

    public SignerState {
        validPolka = validPolka == null ? List.of() : List.copyOf(validPolka);
        ownVotes = ownVotes == null ? List.of() : List.copyOf(ownVotes);
    }

    /** Whether the last signature was given at exactly this slot. */
    public boolean signedAt(long h, int r, SignStep s) {
        return compareSlot(h, r, s) == 0 && signature.length() > 0;
    }

    /** Compares the slot (h, r, step) of this state with another slot. */
    int compareSlot(long h, int r, SignStep s) {
        int c = Long.compare(height, h);
        if (c == 0) {
            c = Integer.compare(round, r);
        }
        return c != 0 ? c : step.compareTo(s);
    }

    SignerState signed(long h, int r, SignStep s, Bytes hash, Bytes sig, Bytes value) {
        if (h != height) {
            return new SignerState(h, r, s, hash, sig, value, -1, null, -1, null, List.of(), List.of());
        }
        return new SignerState(h, r, s, hash, sig, value, lockedRound, lockedBlock, validRound, validBlock, validPolka,
                ownVotes);
    }

    /** Adds one of its own signed votes; votes of an older round than {@code vote}'s are dropped. */
    SignerState withOwnVote(Vote vote) {
        List<Vote> kept = new java.util.ArrayList<>();
        for (Vote v : ownVotes) {
            if (v.height() == vote.height() && v.round() == vote.round() && v.type() != vote.type()) {
                kept.add(v);
            }
        }
        kept.add(vote);
        return new SignerState(height, round, step, signedHash, signature, signedValue, lockedRound, lockedBlock,
                validRound, validBlock, validPolka, kept);
    }

    SignerState withLock(long h, int lockRound, BlockHeader lock, int vRound, BlockHeader valid, List<Vote> polka) {
        if (h != height) {
            return new SignerState(h, -1, SignStep.COMMITMENT, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, lockRound, lock,
                    vRound, valid, polka, List.of());
        }
        return new SignerState(height, round, step, signedHash, signature, signedValue, lockRound, lock, vRound, valid,
                polka, ownVotes);
    }
}
