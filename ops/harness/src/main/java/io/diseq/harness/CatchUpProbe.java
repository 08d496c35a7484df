package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.harness.Results.CatchUp;
import java.io.IOException;

/**
 * Catch-up of a restarted validator: the last validator is killed ({@code kill -9}), a load step
 * runs on the other validators (a quorum with n ≥ 4 and one down), the step drains, and the
 * validator starts again with its old data (a step at the saturation rate, or at half of what the first
 * step finalized when no rate met the target); the probe times its admin port answering and its
 * {@code /v1/status} height reaching the chain's.
 */
final class CatchUpProbe {
    private static final long CATCH_UP_TIMEOUT_MS = 600_000;

    private CatchUpProbe() {
    }

    static CatchUp run(Cluster cluster, FinalityMonitor monitor, LoadSteps steps, double rate, long drainTimeoutMs)
            throws Exception {
        int index = cluster.validators().size() - 1;
        JavaProcess victim = cluster.validators().get(index);
        long heightAtKill = height(cluster, index);
        long finalizedBefore = monitor.finalizedMessages();
        long killedAt = System.currentTimeMillis();
        victim.kill();
        JsonNode sent = steps.produce(rate, cluster.topics().rawMessages().name(), () -> { });
        steps.drain(drainTimeoutMs);
        long drainedAt = System.currentTimeMillis();
        long first = sent.path("firstSendMs").asLong();
        long chainHeight = monitor.height();
        long missed = monitor.finalizedMessages() - finalizedBefore;
        double liveRate = missed / Math.max(0.001, (drainedAt - first) / 1000.0);
        long restartAt = System.currentTimeMillis();
        victim.start();
        cluster.awaitValidator(index);
        long readyAt = System.currentTimeMillis();
        boolean caughtUp = false;
        while (System.currentTimeMillis() < readyAt + CATCH_UP_TIMEOUT_MS) {
            if (height(cluster, index) >= chainHeight) {
                caughtUp = true;
                break;
            }
            Thread.sleep(100);
        }
        long caughtUpAt = System.currentTimeMillis();
        double catchUpRate = missed / Math.max(0.001, (caughtUpAt - readyAt) / 1000.0);
        return new CatchUp(victim.name(), rate, restartAt - killedAt, heightAtKill, chainHeight, missed, liveRate,
                readyAt - restartAt, caughtUpAt - readyAt, catchUpRate, liveRate == 0 ? 0 : catchUpRate / liveRate,
                caughtUp);
    }

    /** The validator's height from {@code /v1/status}, -1 when it does not answer. */
    static long height(Cluster cluster, int index) {
        String body = cluster.get(cluster.rest(index).resolve("/v1/status"));
        if (body == null) {
            return -1;
        }
        try {
            return ChildReport.JSON.readTree(body).path("height").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
