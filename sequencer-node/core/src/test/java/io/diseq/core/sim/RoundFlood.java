package io.diseq.core.sim;

import io.diseq.core.chain.SignBytes;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The future-round flood of the {@link FaultMix.Byzantine#FLOOD_ROUNDS} validators (docs/simulation.md, "Teeth"):
 * every {@value #TICK_MS} ms each flooder sends every other instance a nil prevote for one round above the highest
 * round it has seen at the highest height it has seen, all flooders for the same round. With f flooders that is
 * exactly f senders of a higher round: Algorithm 1 line 55 needs f+1, so a correct core ignores them, while a core
 * that skips on f is pushed into a new round faster than any proposal can reach it (the plan's network is slower
 * than the tick) and never decides again.
 */
final class RoundFlood {
    static final long TICK_MS = 10;

    private final Simulation sim;
    private final List<Integer> flooders = new ArrayList<>();
    private long height = 1;
    private int round;
    private boolean started;

    RoundFlood(Simulation sim) {
        this.sim = sim;
    }

    void join(int validator) {
        flooders.add(validator);
    }

    void seen(ConsensusMessage m) {
        if (!Simulation.CHAIN_ID.equals(m.chainId())) {
            return;
        }
        if (m.height() > height) {
            height = m.height();
            round = m.round();
        } else if (m.height() == height) {
            round = Math.max(round, m.round());
        }
        if (!started) {
            started = true;
            sim.scheduler.after(TICK_MS, "flood", this::tick);
        }
    }

    private void tick() {
        round++;
        byte[] signBytes = SignBytes.prevote(Simulation.CHAIN_ID, height, round, null);
        for (int v : flooders) {
            SimNode self = sim.nodes.get(v);
            if (!self.up()) {
                continue;
            }
            Vote vote = new Vote(VoteType.PREVOTE, Simulation.CHAIN_ID, height, round, null, v,
                    Bytes.wrap(sim.keys.signAs(v, signBytes)));
            SimChecks.onSent(sim, false, vote);
            for (SimNode peer : sim.nodes) {
                if (peer != self) {
                    sim.network.send(self.instance, peer.instance, Packet.of(self.validator, vote));
                }
            }
        }
        sim.scheduler.after(TICK_MS, "flood", this::tick);
    }
}
