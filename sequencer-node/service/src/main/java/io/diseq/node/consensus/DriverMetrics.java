package io.diseq.node.consensus;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import io.diseq.node.metrics.BucketHistogram;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.RejectCode;
import java.util.EnumMap;
import java.util.Map;

/** Counters and histograms of the consensus driver (docs/operations-node.md §Metrics). Thread-safe. */
public final class DriverMetrics {
    private final Map<RejectCode, Counter> rejected = new EnumMap<>(RejectCode.class);
    private final Counter decided;
    private final Counter decidedFromSync;
    private final Counter messages;
    private final Counter evidence;
    private final Counter votesSent;
    private final Counter signRefused;
    private final Counter malformedGossip;
    private final Counter syncedBlocksRejected;
    private final Counter inputFailed;
    private final Counter storageRetries;
    private final Histogram messagesPerBlock;
    private final BucketHistogram finalityMs;
    private final BucketHistogram storeMs;

    public DriverMetrics(MetricRegistry registry) {
        for (RejectCode code : RejectCode.values()) {
            rejected.put(code, registry.counter("consensus.rejected." + code.name()));
        }
        decided = registry.counter("consensus.blocks.decided");
        decidedFromSync = registry.counter("sync.blocksApplied");
        messages = registry.counter("consensus.messages.sequenced");
        evidence = registry.counter("consensus.evidence");
        votesSent = registry.counter("consensus.votes.sent");
        signRefused = registry.counter("consensus.signRefused");
        malformedGossip = registry.counter("consensus.gossip.malformed");
        syncedBlocksRejected = registry.counter("sync.blocksRejected");
        inputFailed = registry.counter("consensus.inputFailed");
        storageRetries = registry.counter("consensus.storageRetries");
        messagesPerBlock = registry.histogram("consensus.messagesPerBlock");
        finalityMs = BucketHistogram.latencyMs(registry, "consensus.finalityMs");
        storeMs = BucketHistogram.latencyMs(registry, "consensus.blockStoreMs");
    }

    void rejected(RejectCode code) {
        rejected.get(code).inc();
    }

    /** A block was decided by consensus at local time {@code nowMs}; finality = that time − the header's. */
    void decided(DecidedBlock block, long nowMs) {
        decided.inc();
        messages.inc(block.messages().size());
        messagesPerBlock.update(block.messages().size());
        finalityMs.update(Math.max(0, nowMs - block.header().timestampMs()));
    }

    /** A block was decided from a peer's certificate (catch-up) or from the local consensus log. */
    void decidedFromSync() {
        decidedFromSync.inc();
    }

    /** Storing one decided block took {@code nanos} (the PostgreSQL transaction and the window drain). */
    public void stored(long nanos) {
        storeMs.update(nanos / 1_000_000);
    }

    /** This validator signed and sent a prevote or precommit. */
    void voteSent() {
        votesSent.inc();
    }

    void evidence() {
        evidence.inc();
    }

    void signRefused() {
        signRefused.inc();
    }

    void malformedGossip() {
        malformedGossip.inc();
    }

    /** A fetched block (or a fetched response) was rejected; its reason is in consensus.rejected.CODE. */
    void syncedBlockRejected() {
        syncedBlocksRejected.inc();
    }

    void inputFailed() {
        inputFailed.inc();
    }

    void storageRetry() {
        storageRetries.inc();
    }
}
