package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.util.Bytes;

/**
 * What a validator must never forget (docs/protocol.md §7.14): the last (height, round, step) it
 * signed, the keccak256 of what it signed there and the signature, and its Tendermint lock and valid
 * value for that height. Persisted by the driver (effect {@link Effect.PersistSignerState}) before
 * any message signed under it leaves the process; handed back to the core on restart.
 *
 * @param lockedRound −1 with {@code lockedBlock} null when unlocked; same for validRound/validBlock
 */
public record SignerState(long height, int round, SignStep step, Bytes signedHash, Bytes signature,
                          int lockedRound, BlockHeader lockedBlock, int validRound, BlockHeader validBlock) {
    /** A validator that never signed anything. */
    public static final SignerState INITIAL = new SignerState(0, -1, SignStep.COMMITMENT, Bytes.EMPTY, Bytes.EMPTY,
            -1, null, -1, null);

    /** Compares the slot (h, r, step) of this state with another slot. */
    int compareSlot(long h, int r, SignStep s) {
        int c = Long.compare(height, h);
        if (c == 0) {
            c = Integer.compare(round, r);
        }
        return c != 0 ? c : step.compareTo(s);
    }

    SignerState signed(long h, int r, SignStep s, Bytes hash, Bytes sig) {
        boolean sameHeight = h == height;
        return new SignerState(h, r, s, hash, sig, sameHeight ? lockedRound : -1, sameHeight ? lockedBlock : null,
                sameHeight ? validRound : -1, sameHeight ? validBlock : null);
    }

    SignerState withLock(long h, int lockRound, BlockHeader lock, int vRound, BlockHeader valid) {
        if (h != height) {
            return new SignerState(h, -1, SignStep.COMMITMENT, Bytes.EMPTY, Bytes.EMPTY, lockRound, lock, vRound, valid);
        }
        return new SignerState(height, round, step, signedHash, signature, lockRound, lock, vRound, valid);
    }
}
