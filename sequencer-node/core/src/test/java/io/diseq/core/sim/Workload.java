package io.diseq.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The producers of the input topic (docs/simulation.md, "Input log"): bursts of a few records at random
 * times until {@code untilMs}, on random partitions, with occasional re-sends of an earlier payload (the
 * same message id again), which the content rule must skip.
 */
final class Workload {
    private static final double DUPLICATE_P = 0.05;

    private final Simulation sim;
    private final SplittableRandom random;
    private final long untilMs;
    private final List<byte[]> sent = new ArrayList<>();

    private Workload(Simulation sim, SplittableRandom random, long untilMs) {
        this.sim = sim;
        this.random = random;
        this.untilMs = untilMs;
    }

    static void schedule(Simulation sim, long untilMs) {
        Workload w = new Workload(sim, sim.random, untilMs);
        w.next();
    }

    private void next() {
        long at = sim.scheduler.nowMs() + 10 + random.nextLong(150);
        if (at < untilMs) {
            sim.scheduler.at(at, "produce", this::burst);
        }
    }

    private void burst() {
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            byte[] payload = !sent.isEmpty() && random.nextDouble() < DUPLICATE_P
                    ? sent.get(random.nextInt(sent.size())) : fresh();
            SimTopic.Rec rec = sim.topic.append(random.nextInt(sim.topic.partitionCount()), payload,
                    sim.scheduler.nowMs());
            sim.trace.add(sim.scheduler.nowMs(), "produce p" + rec.partition() + "@" + rec.offset() + " id="
                    + Describe.shortId(rec.id()));
        }
        sim.inputAppended();
        next();
    }

    private byte[] fresh() {
        byte[] payload = new byte[4 + random.nextInt(45)];
        random.nextBytes(payload);
        sent.add(payload);
        return payload;
    }
}
