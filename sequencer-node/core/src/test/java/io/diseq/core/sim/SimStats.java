package io.diseq.core.sim;

import io.diseq.core.consensus.Effect;
import java.util.Map;
import java.util.TreeMap;

/** Counters of the effects the simulator does not act on (rejections, evidence, refused signatures). */
final class SimStats {
    private final Map<String, Long> counts = new TreeMap<>();

    void count(Effect effect) {
        String key;
        if (effect instanceof Effect.Rejected r) {
            key = "rejected." + r.code();
        } else if (effect instanceof Effect.EvidenceFound) {
            key = "evidence";
        } else if (effect instanceof Effect.SignRefused) {
            key = "signRefused";
        } else {
            key = effect.getClass().getSimpleName();
        }
        counts.merge(key, 1L, Long::sum);
    }

    /** Counts a runtime output the shell does not act on. */
    void count(io.diseq.core.runtime.Output output) {
        String key;
        if (output instanceof io.diseq.core.runtime.Output.Rejected r) {
            key = "rejected." + r.code();
        } else if (output instanceof io.diseq.core.runtime.Output.EvidenceFound) {
            key = "evidence";
        } else if (output instanceof io.diseq.core.runtime.Output.SignRefused) {
            key = "signRefused";
        } else if (output instanceof io.diseq.core.runtime.Output.StorageRetry) {
            key = "storageRetry";
        } else {
            key = output.getClass().getSimpleName();
        }
        counts.merge(key, 1L, Long::sum);
    }

    Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
