package io.diseq.core.consensus;

import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The prevotes or precommits of one round (docs/protocol.md §7.9), tallied per value (a block id, or
 * {@link #NIL}) by distinct validator. A validator that votes for two values (equivocation) is counted
 * once for EACH value it signed: Tendermint's quorum intersection argument relies only on honest
 * validators voting once, and counting the equivocator's second vote lets every honest node that
 * receives the same votes (in any order) reach the same tallies, so an equivocator cannot split them
 * into views that never converge. {@link #total()} counts distinct validators.
 */
final class VoteBook {
    static final Bytes NIL = Bytes.EMPTY;

    private final Map<Integer, List<Vote>> byValidator = new HashMap<>();
    private final Map<Bytes, Map<Integer, Vote>> byValue = new HashMap<>();
    /** Extra counts of repeated votes: non-empty only in a planted-bug core (ConsensusRules#countEachSignerOnce). */
    private final Map<Bytes, Integer> repeated = new HashMap<>();

    static Bytes key(Bytes blockId) {
        return blockId == null ? NIL : blockId;
    }

    /** The validator's vote for this value, or null. */
    Vote existing(int validator, Bytes blockIdOrNull) {
        Map<Integer, Vote> votes = byValue.get(key(blockIdOrNull));
        return votes == null ? null : votes.get(validator);
    }

    /** How many different values the validator has voted for in this book. */
    int valuesOf(int validator) {
        List<Vote> votes = byValidator.get(validator);
        return votes == null ? 0 : votes.size();
    }

    /** A vote of the validator for another value than {@code vote}'s, or null. */
    Vote conflicting(Vote vote) {
        List<Vote> votes = byValidator.get(vote.validatorIndex());
        return votes == null ? null : votes.get(0);
    }

    /** Adds a vote for a value this validator has no vote for yet. */
    void add(Vote vote) {
        Map<Integer, Vote> votes = byValue.computeIfAbsent(key(vote.blockId()), k -> new HashMap<>());
        if (votes.putIfAbsent(vote.validatorIndex(), vote) != null) {
            throw new IllegalStateException("vote already present for validator " + vote.validatorIndex());
        }
        byValidator.computeIfAbsent(vote.validatorIndex(), v -> new ArrayList<>(1)).add(vote);
    }

    /** Counts a vote this validator already has for this value once more (planted bug only). */
    void countAgain(Vote vote) {
        repeated.merge(key(vote.blockId()), 1, Integer::sum);
    }

    int count(Bytes blockIdOrNil) {
        Map<Integer, Vote> votes = byValue.get(blockIdOrNil);
        return (votes == null ? 0 : votes.size()) + repeated.getOrDefault(blockIdOrNil, 0);
    }

    /** Distinct validators with any vote here. */
    int total() {
        return byValidator.size();
    }

    /** The block id (not nil) with at least {@code quorum} votes, or null. */
    Bytes blockWithQuorum(int quorum) {
        for (Map.Entry<Bytes, Map<Integer, Vote>> e : byValue.entrySet()) {
            if (count(e.getKey()) >= quorum && !e.getKey().equals(NIL)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The votes for one value, by ascending validator index. */
    TreeMap<Integer, Vote> votesFor(Bytes blockIdOrNil) {
        Map<Integer, Vote> votes = byValue.get(blockIdOrNil);
        return votes == null ? new TreeMap<>() : new TreeMap<>(votes);
    }
}
