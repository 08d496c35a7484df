package io.diseq.core.sim;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import java.util.HashSet;
import java.util.Set;

/**
 * The network adversary of {@link FaultMix.Plan#LATE_PRECOMMITS} (docs/simulation.md, "Teeth"): until the heal,
 * the precommits for a block that f chosen honest validators send to one victim arrive {@value #HOLD_MS} ms
 * late. The victim then holds 2f+1 precommits (its own, f+1 for the block, the f nil ones of the
 * {@code NIL_PRECOMMITS} validators) but no quorum for the block, so its precommit timeout moves it to the next
 * round before the late ones arrive; Algorithm 1 line 49 decides on them in any round. Since the faulty
 * validators send nothing but nil precommits, the others need the victim's votes at the next height and wait for
 * it, so a correct core stays live without catch-up. Draws no randomness.
 */
final class LatePrecommits implements SimNetwork.Filter<ConsensusMessage> {
    static final long HOLD_MS = 1500;

    private final Simulation sim;
    private final int victim;
    private final Set<Integer> late = new HashSet<>();
    private final Set<ConsensusMessage> held = new HashSet<>();
    private final Set<ConsensusMessage> released = new HashSet<>();

    LatePrecommits(Simulation sim) {
        this.sim = sim;
        int v = -1;
        int f = (sim.config.validators() - 1) / 3;
        for (SimNode node : sim.nodes) {
            if (!node.honest()) {
                continue;
            }
            if (v < 0) {
                v = node.instance;
            } else if (late.size() < f) {
                late.add(node.validator);
            }
        }
        this.victim = v;
        sim.trace.add(sim.scheduler.nowMs(), "late precommits: victim i" + victim + ", late voters " + late);
    }

    @Override
    public boolean pass(int from, int to, ConsensusMessage m) {
        if (to != victim || !(m instanceof Vote v) || v.type() != VoteType.PRECOMMIT || v.isNil()
                || !late.contains(v.validatorIndex()) || released.contains(m) || !sim.faults.faultPhase()) {
            return true;
        }
        if (held.add(m)) {
            sim.scheduler.after(HOLD_MS, "late precommit", () -> {
                released.add(m); // a re-send of a message already seen by the monitor
                sim.network.send(from, to, Packet.of(sim.nodes.get(from).validator, m));
            });
        }
        return false;
    }
}
