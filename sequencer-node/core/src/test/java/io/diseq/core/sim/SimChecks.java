package io.diseq.core.sim;

import io.diseq.core.chain.SignBytes;
import io.diseq.core.chain.Validator;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Proposal;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import io.diseq.core.util.Bytes;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The safety monitor of one run, wired with checks computed independently of the code under test
 * (docs/simulation.md, "Teeth"): its quorum comes from the validator count alone, certificate signatures and
 * VRF proofs are verified with the run's key registry ({@link SimKeys}), and the committer and proposer of a
 * round are derived here ((h + r) mod n and beta mod n), never asked of the core's {@code ValidatorSet} or
 * {@code Leaders}.
 */
final class SimChecks {
    private SimChecks() {
    }

    static SafetyMonitor monitor(Simulation sim) {
        SafetyMonitor m = new SafetyMonitor(sim.genesis.blockId(), sim.genesis.header().timestampMs(),
                SafetyMonitor.quorumOf(sim.config.validators()), v -> certVoteValid(sim, v), sim.topic);
        m.leaderCheck(d -> leaderValid(sim, d));
        m.roundCheck((sim.config.validators() - 1) / 3 + 1);
        m.proposerCheck(p -> {
            Bytes parent = sim.monitor.canonicalHash(p.height() - 1);
            return parent != null && selectedProposer(sim, p.height(), p.round(), parent, p.pi()) == p.proposer();
        });
        return m;
    }

    private static List<Validator> registry(Simulation sim) {
        return sim.keys.validators();
    }

    private static boolean certVoteValid(Simulation sim, Observed.CertVote v) {
        List<Validator> vs = registry(sim);
        if (v.validator() < 0 || v.validator() >= vs.size()) {
            return false;
        }
        byte[] signed = SignBytes.precommit(Simulation.CHAIN_ID, v.height(), v.round(), v.blockHash());
        return sim.keys.verify(vs.get(v.validator()).signingKey(), signed, v.signature());
    }

    /** The proposer that {@code pi} selects at (h, r) on top of {@code parent}, or −1 if pi is not the committer's proof. */
    static int selectedProposer(Simulation sim, long height, int round, Bytes parent, Bytes pi) {
        List<Validator> vs = registry(sim);
        int n = vs.size();
        int committer = (int) ((height + round) % n);
        byte[] alpha = SignBytes.vrfAlpha(Simulation.CHAIN_ID, height, round, parent);
        Optional<byte[]> beta = pi == null ? Optional.empty() : sim.keys.vrfVerify(vs.get(committer).vrfKey(), pi, alpha);
        return beta.map(b -> new BigInteger(1, b).mod(BigInteger.valueOf(n)).intValue()).orElse(-1);
    }

    private static boolean leaderValid(Simulation sim, Observed.Decision d) {
        Observed.Leader l = d.leader();
        int n = registry(sim).size();
        return l.committer() == (int) ((d.height() + l.round()) % n)
                && selectedProposer(sim, d.height(), l.round(), d.parentHash(), l.pi()) == l.proposer();
    }

    /**
     * Everything that leaves an instance (called by its driver for each outgoing message): proposals are checked
     * and remembered, an honest instance's non-nil prevotes must follow a selected proposer's proposal.
     */
    static void onSent(Simulation sim, boolean honest, ConsensusMessage m) {
        if (Simulation.CHAIN_ID.equals(m.chainId()) && m.sender() >= 0 && m.sender() < sim.config.validators()) {
            sim.monitor.onRoundMessage(m.sender(), honest, m.height(), m.round(),
                    m instanceof Vote v && v.type() == VoteType.PRECOMMIT);
        }
        if (m instanceof Proposal p && Simulation.CHAIN_ID.equals(p.chainId())) {
            List<Validator> vs = registry(sim);
            boolean signed = p.proposerIndex() >= 0 && p.proposerIndex() < vs.size() && p.commitment() != null
                    && sim.keys.verify(vs.get(p.proposerIndex()).signingKey(), p.signBytes(), p.signature());
            sim.monitor.onProposed(new Observed.Proposed(p.height(), p.round(), p.blockId(), p.proposerIndex(),
                    signed ? p.commitment().pi() : null, signed));
        } else if (honest && m instanceof Vote v && v.type() == VoteType.PREVOTE && !v.isNil()) {
            sim.monitor.onHonestPrevote(new Observed.Prevoted(v.validatorIndex(), v.height(), v.round(), v.blockId()));
        }
    }
}
