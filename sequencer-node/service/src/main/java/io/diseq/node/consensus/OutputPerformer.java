package io.diseq.node.consensus;

import io.diseq.node.store.SignerStateStore;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.runtime.Output;
import io.diseq.node.gossip.GossipClient;
import io.diseq.node.gossip.GossipEnvelope;
import io.diseq.node.gossip.GossipSigner;
import io.diseq.node.input.InputWindow;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the runtime's outputs on the driver thread, in list order (docs/architecture.md §Consensus driver):
 * signer state and decisions are committed synchronously before the next output, so a vote never leaves the
 * process before the state that guards it is durable (retried while the database is unavailable,
 * {@link DurableWrites}); sends only enqueue on the gossip client; block writes,
 * fetches and trie loads are handed to their worker threads, whose answers come back as inputs. A durable block
 * releases its input records, is announced to the block publisher and prunes the consensus log.
 */
public final class OutputPerformer {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPerformer.class);

    /** The ports the outputs are performed on. */
    public record Ports(SignerStateStore signerStore, ConsensusLog log, GossipSigner signer, GossipClient client,
                 InputWindow window, Runnable blockStored) {
    }

    private final Ports ports;
    private final BlockWriter writer;
    private final BlockFetcher fetcher;
    private final TrieLoader loader;
    private final OutputReports reports;
    private final Consumer<DecidedBlock> durable;
    private final DurableWrites durableWrites;

    public OutputPerformer(Ports ports, BlockWriter writer, BlockFetcher fetcher, TrieLoader loader, OutputReports reports,
                    Consumer<DecidedBlock> durable) {
        this.durableWrites = new DurableWrites(reports::storageRetry);
        this.ports = ports;
        this.writer = writer;
        this.fetcher = fetcher;
        this.loader = loader;
        this.reports = reports;
        this.durable = durable;
    }

    void start() {
        writer.worker().start();
        fetcher.worker().start();
        loader.worker().start();
    }

    void stop() throws InterruptedException {
        writer.worker().stop();
        fetcher.worker().stop();
        loader.worker().stop();
    }

    void holdWrites(boolean hold) {
        writer.hold(hold);
    }

    long fetchFailures() {
        return fetcher.failures();
    }

    DurableWrites durableWrites() {
        return durableWrites;
    }

    void perform(Output o) {
        if (o instanceof Output.PersistSignerState p) {
            durableWrites.write("signer state", () -> ports.signerStore().save(p.state()));
        } else if (o instanceof Output.PersistDecision d) {
            durableWrites.write("consensus log", () -> ports.log().save(d.header(), d.certificate()));
        } else if (o instanceof Output.Send s) {
            send(s);
        } else if (o instanceof Output.PersistBlock p) {
            writer.submit(p.block());
        } else if (o instanceof Output.BlockDurable d) {
            blockDurable(d.block());
        } else if (o instanceof Output.FetchBlocks f) {
            fetcher.submit(f);
        } else if (o instanceof Output.LoadTrieNodes l) {
            loader.submit(l);
        } else {
            reports.report(o);
        }
    }

    private void send(Output.Send s) {
        GossipEnvelope e = ports.signer().sign(s.height(), s.round(), s.type(), s.payload());
        reports.sent(s);
        if (s.to() < 0) {
            ports.client().broadcast(e);
        } else {
            ports.client().send(s.to(), e);
        }
    }

    private void blockDurable(DecidedBlock block) {
        for (PartitionRange r : block.header().ranges()) {
            ports.window().drainThrough(r.partition(), r.endOffset());
        }
        durable.accept(block);
        ports.blockStored().run();
        try {
            ports.log().pruneThrough(block.height());
        } catch (RuntimeException e) { // harmless: the next durable block prunes these rows too
            LOG.warn("could not prune the consensus log through height {}: {}", block.height(), e.toString());
        }
    }
}
