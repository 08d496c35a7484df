package io.diseq.node.consensus;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.consensus.ConsensusCore;
import io.diseq.core.consensus.SignerState;
import io.diseq.node.config.ConsensusFactory;
import io.diseq.node.config.SelfKeys;
import io.diseq.node.gossip.GossipClient;
import io.diseq.node.gossip.GossipInbox;
import io.diseq.node.gossip.GossipSigner;
import io.diseq.node.health.ConsensusDriverHealthCheck;
import io.diseq.node.health.ConsensusLagHealthCheck;
import io.diseq.node.health.PeerQuorumHealthCheck;
import io.diseq.node.input.InputWindow;
import io.diseq.node.publish.BlockPublisher;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.PostgresNodeStore;
import io.diseq.node.sync.BlockSyncer;
import io.dropwizard.core.setup.Environment;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the consensus driver and catch-up on top of the node's components (docs/architecture.md
 * §Consensus driver): rebuilds the core from the stored signer state, chain tip and positions, and
 * registers the driver and syncer lifecycles, health checks and
 * metrics. {@link #status()} is the read-only view for the REST API.
 */
public final class ConsensusModule {
    private final ConsensusDriver driver;
    private final BlockSyncer syncer;

    private ConsensusModule(ConsensusDriver driver, BlockSyncer syncer) {
        this.driver = driver;
        this.syncer = syncer;
    }

    /** Everything the module needs from the node's wiring (NodeWiring.Node). */
    public record Parts(ChainConfig chain, SelfKeys self, Jdbi jdbi, BlockStore blocks, PostgresNodeStore trieNodes,
                        InputWindow window, BlockPublisher publisher, GossipInbox inbox, GossipSigner signer,
                        GossipClient client) {
    }

    public static ConsensusModule register(ConsensusFactory config, Environment environment, Parts parts) {
        return register(config, environment, parts, System::currentTimeMillis);
    }

    /** As above with an explicit clock (milliseconds; the driver's timeouts and the core's {@code nowMs}). */
    public static ConsensusModule register(ConsensusFactory config, Environment environment, Parts parts,
                                           LongSupplier clock) {
        ConsensusCore core = restoreCore(parts);
        BlockSyncer syncer = new BlockSyncer(blockUrls(parts.chain(), parts.self().index()), config.syncSettings(),
                clock);
        BlockCommitter committer = new BlockCommitter(parts.blocks(), parts.window(), parts.publisher()::blockStored);
        ConsensusDriver driver = new ConsensusDriver(core, parts.inbox(), new Outbound(parts.signer(), parts.client()),
                new SignerStateStore(parts.jdbi()), committer, syncer, config.driverSettings(), clock,
                new DriverMetrics(environment.metrics()), parts.client()::peers);
        syncer.attach(driver);
        parts.window().onAppend(driver::inputAppended);

        environment.lifecycle().manage(driver);
        environment.lifecycle().manage(syncer);
        environment.healthChecks().register("consensus-driver", new ConsensusDriverHealthCheck(driver));
        environment.healthChecks().register("peer-quorum",
                new PeerQuorumHealthCheck(driver, parts.chain().validators().quorum()));
        environment.healthChecks().register("consensus-lag",
                new ConsensusLagHealthCheck(driver, config.healthMaxLagHeights()));
        registerGauges(environment.metrics(), driver, syncer);
        return new ConsensusModule(driver, syncer);
    }

    /** Restart: the core resumes from the stored signer state, chain tip and input positions. */
    static ConsensusCore restoreCore(Parts parts) {
        SignerState signerState = new SignerStateStore(parts.jdbi()).load().orElse(SignerState.INITIAL);
        ChainTip tip = parts.blocks().latestTip().orElse(Genesis.tip(parts.chain()));
        return new ConsensusCore(parts.chain(), StandardConsensusCrypto.of(parts.self().keys()), parts.self().index(),
                signerState, tip, parts.window(), parts.trieNodes());
    }

    private static void registerGauges(MetricRegistry metrics, ConsensusDriver driver, BlockSyncer syncer) {
        metrics.register("consensus.height", (Gauge<Long>) driver::height);
        metrics.register("consensus.round", (Gauge<Integer>) driver::round);
        metrics.register("consensus.steps", (Gauge<Long>) driver::steps);
        metrics.register("consensus.alive", (Gauge<Integer>) () -> driver.alive() ? 1 : 0);
        metrics.register("sync.catchingUp", (Gauge<Integer>) () -> syncer.catchingUp() ? 1 : 0);
        metrics.register("sync.targetHeight", (Gauge<Long>) syncer::targetHeight);
        metrics.register("sync.blocksApplied", (Gauge<Long>) syncer::blocksFetched);
        metrics.register("sync.failures", (Gauge<Long>) syncer::failures);
    }

    /** Each peer's catch-up endpoint: the sibling {@code blocks} of its configured gossip URL. */
    private static Map<Integer, URI> blockUrls(ChainConfig chain, int selfIndex) {
        Map<Integer, URI> urls = new TreeMap<>();
        for (int i = 0; i < chain.validators().size(); i++) {
            if (i != selfIndex) {
                urls.put(i, URI.create(chain.validators().get(i).gossipUrl()).resolve("blocks"));
            }
        }
        return urls;
    }

    /** The read-only consensus status (for the REST API and health checks). */
    public NodeStatusView status() {
        return driver;
    }

    public ConsensusDriver driver() {
        return driver;
    }

    public BlockSyncer syncer() {
        return syncer;
    }
}
