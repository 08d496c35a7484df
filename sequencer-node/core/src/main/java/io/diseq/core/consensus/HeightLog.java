package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.util.Bytes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every accepted message of the current height, by round (docs/protocol.md §7.12): the verified
 * commitment and the proposer it selects, the first valid proposal, the prevote and precommit books,
 * the distinct senders per round (for the f+1 round skip) and the headers by block id.
 */
final class HeightLog {
    private final Map<Integer, Commitment> commitments = new HashMap<>();
    private final Map<Integer, Integer> proposers = new HashMap<>();
    private final Map<Integer, Proposal> proposals = new HashMap<>();
    private final Map<Integer, Map<Bytes, Proposal>> proposalsById = new HashMap<>();
    private final Map<Integer, VoteBook> prevotes = new HashMap<>();
    private final Map<Integer, VoteBook> precommits = new HashMap<>();
    private final Map<Integer, Set<Integer>> senders = new HashMap<>();
    private final Map<Bytes, BlockHeader> headers = new HashMap<>();
    /** Rounds whose precommits may hold a quorum for a block: checked for a decision. */
    private final TreeSet<Integer> decisionCandidates = new TreeSet<>();
    private int highestRound;

    Commitment commitment(int round) {
        return commitments.get(round);
    }

    /** The proposer selected by the round's verified commitment, or −1 if none is known yet. */
    int proposer(int round) {
        return proposers.getOrDefault(round, -1);
    }

    void putCommitment(Commitment c, int proposer) {
        commitments.put(c.round(), c);
        proposers.put(c.round(), proposer);
    }

    /** The first valid proposal of the round: the one this node prevotes on (lines 22, 28). */
    Proposal proposal(int round) {
        return proposals.get(round);
    }

    /** The round's proposal of this block (an equivocating proposer may have sent several), or null. */
    Proposal proposal(int round, Bytes blockId) {
        Map<Bytes, Proposal> byId = proposalsById.get(round);
        return byId == null ? null : byId.get(blockId);
    }

    int proposalCount(int round) {
        Map<Bytes, Proposal> byId = proposalsById.get(round);
        return byId == null ? 0 : byId.size();
    }

    void putProposal(Proposal p) {
        proposals.putIfAbsent(p.round(), p);
        proposalsById.computeIfAbsent(p.round(), r -> new HashMap<>()).putIfAbsent(p.blockId(), p);
        headers.putIfAbsent(p.blockId(), p.block());
    }

    BlockHeader header(Bytes blockId) {
        return headers.get(blockId);
    }

    void putHeader(Bytes id, BlockHeader header) {
        headers.putIfAbsent(id, header);
    }

    VoteBook votes(VoteType type, int round) {
        Map<Integer, VoteBook> books = type == VoteType.PREVOTE ? prevotes : precommits;
        return books.computeIfAbsent(round, r -> new VoteBook());
    }

    /** Records that {@code validator} sent an accepted message in {@code round}; returns the distinct count. */
    int noteSender(int round, int validator) {
        highestRound = Math.max(highestRound, round);
        Set<Integer> s = senders.computeIfAbsent(round, r -> new HashSet<>());
        s.add(validator);
        return s.size();
    }

    /** The highest round any accepted message of this height was for. */
    int highestRound() {
        return highestRound;
    }

    int senders(int round) {
        Set<Integer> s = senders.get(round);
        return s == null ? 0 : s.size();
    }

    void markDecisionCandidate(int round) {
        decisionCandidates.add(round);
    }

    TreeSet<Integer> decisionCandidates() {
        return decisionCandidates;
    }
}
