package io.diseq.core.consensus;

import io.diseq.core.util.Bytes;
import java.util.HashMap;
import java.util.Map;

/**
 * The prevotes or precommits of one round (docs/protocol.md §7.9): at most one vote per validator,
 * tallied per block id (nil as {@link #NIL}). A second, different vote of the same validator is an
 * equivocation: reported, never counted.
 */
final class VoteBook {
    static final Bytes NIL = Bytes.EMPTY;

    private final Map<Integer, Vote> byValidator = new HashMap<>();
    private final Map<Bytes, Integer> tally = new HashMap<>();

    /** The stored vote of the validator, or null. */
    Vote existing(int validator) {
        return byValidator.get(validator);
    }

    /** Adds a vote of a validator that has none here yet. */
    void add(Vote vote) {
        if (byValidator.putIfAbsent(vote.validatorIndex(), vote) != null) {
            throw new IllegalStateException("vote already present for validator " + vote.validatorIndex());
        }
        tally.merge(key(vote.blockId()), 1, Integer::sum);
    }

    static Bytes key(Bytes blockId) {
        return blockId == null ? NIL : blockId;
    }

    int count(Bytes blockIdOrNil) {
        return tally.getOrDefault(blockIdOrNil, 0);
    }

    int total() {
        return byValidator.size();
    }

    /** The block id (not nil) with at least {@code quorum} votes, or null. */
    Bytes blockWithQuorum(int quorum) {
        for (Map.Entry<Bytes, Integer> e : tally.entrySet()) {
            if (e.getValue() >= quorum && !e.getKey().equals(NIL)) {
                return e.getKey();
            }
        }
        return null;
    }

    Map<Integer, Vote> votes() {
        return byValidator;
    }
}
