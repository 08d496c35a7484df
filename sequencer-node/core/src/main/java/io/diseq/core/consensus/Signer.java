package io.diseq.core.consensus;

import io.diseq.core.chain.ConsensusCrypto;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;

/**
 * The double-sign guard (docs/protocol.md §7.14). Signs only at a slot (h, r, step) strictly after the
 * last one signed; at that same slot it returns the same signature for the same bytes and refuses
 * different bytes. The new state must be persisted before the signature is used; the core emits
 * {@link Effect.PersistSignerState} ahead of the matching {@link Effect.Broadcast}.
 */
public final class Signer {
    private final ConsensusCrypto crypto;
    private final boolean refuseSecond;
    private SignerState state;

    public Signer(ConsensusCrypto crypto, SignerState state) {
        this(crypto, state, true);
    }

    /** {@code refuseSecond} false only for a planted-bug test ({@link ConsensusRules#refuseSecondSignature}). */
    Signer(ConsensusCrypto crypto, SignerState state, boolean refuseSecond) {
        this.crypto = crypto;
        this.state = state;
        this.refuseSecond = refuseSecond;
    }

    /** The outcome of a signing request. */
    public sealed interface Outcome {
        record Signed(Bytes signature, boolean fresh) implements Outcome {}

        record Refused(String reason) implements Outcome {}
    }

    /**
     * Signs {@code signBytes} at the slot; {@code value} is what they commit to (block id, empty for nil,
     * or pi) and is kept so that the same message can be rebuilt and re-sent after a restart.
     */
    public Outcome sign(long height, int round, SignStep step, byte[] signBytes, Bytes value) {
        int order = state.compareSlot(height, round, step);
        Bytes hash = Bytes.wrap(Keccak256.hash(signBytes));
        if (order > 0) {
            return new Outcome.Refused("already signed at a later slot " + state.height() + "/" + state.round()
                    + "/" + state.step());
        }
        if (order == 0 && !state.signature().equals(Bytes.EMPTY) && (refuseSecond || hash.equals(state.signedHash()))) {
            return hash.equals(state.signedHash())
                    ? new Outcome.Signed(state.signature(), false)
                    : new Outcome.Refused("different value already signed at " + height + "/" + round + "/" + step);
        }
        Bytes signature = Bytes.wrap(crypto.sign(signBytes));
        state = state.signed(height, round, step, hash, signature, value);
        return new Outcome.Signed(signature, true);
    }

    /** Records the Tendermint lock and valid value of {@code height} (persisted with the state). */
    public void recordLock(long height, int lockedRound, io.diseq.core.chain.BlockHeader lockedBlock, int validRound,
                           io.diseq.core.chain.BlockHeader validBlock, java.util.List<Vote> validPolka) {
        state = state.withLock(height, lockedRound, lockedBlock, validRound, validBlock, validPolka);
    }

    /** Records one of this validator's own signed votes in the state (re-sent after a restart). */
    public void recordOwnVote(Vote vote) {
        state = state.withOwnVote(vote);
    }

    public SignerState state() {
        return state;
    }
}
