package io.diseq.node.wiring;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.consensus.ConsensusRules;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.runtime.Input;
import io.diseq.core.runtime.Decision;
import io.diseq.core.runtime.NodeRuntime;
import io.diseq.core.runtime.Recording;
import io.diseq.core.runtime.StepInputLog;
import java.nio.file.Path;
import java.util.List;
import io.diseq.node.config.ConsensusFactory;
import io.diseq.node.consensus.BlockFetcher;
import io.diseq.node.consensus.BlockWriter;
import io.diseq.node.consensus.ConsensusDriver;
import io.diseq.node.consensus.ConsensusLog;
import io.diseq.node.consensus.DriverInbox;
import io.diseq.node.consensus.DriverMetrics;
import io.diseq.node.consensus.DriverSettings;
import io.diseq.node.consensus.InputRecorder;
import io.diseq.node.consensus.NodeStatusView;
import io.diseq.node.consensus.OutputPerformer;
import io.diseq.node.consensus.OutputReports;
import io.diseq.node.consensus.RuntimeStatusView;
import io.diseq.node.consensus.TrieLoader;
import io.diseq.node.config.SelfKeys;
import io.diseq.node.gossip.GossipClient;
import io.diseq.node.gossip.GossipSigner;
import io.diseq.node.health.ConsensusDriverHealthCheck;
import io.diseq.node.health.ConsensusLagHealthCheck;
import io.diseq.node.health.PeerQuorumHealthCheck;
import io.diseq.node.input.InputWindow;
import io.diseq.node.publish.BlockPublisher;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.PostgresNodeStore;
import io.diseq.node.store.SignerStateStore;
import io.dropwizard.core.setup.Environment;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the consensus driver on top of the node's components (docs/architecture.md §Consensus driver): rebuilds
 * the node runtime from the stored signer state, chain tip, consensus log and input positions, and registers the
 * driver's lifecycle, health checks and metrics. {@link #status()} is the read-only
 * view for the REST API.
 */
public final class ConsensusModule {
    private final ConsensusDriver driver;
    private final NodeStatusView status;

    private ConsensusModule(ConsensusDriver driver, NodeStatusView status) {
        this.driver = driver;
        this.status = status;
    }

    /** Everything the module needs from the node's wiring (NodeWiring.Node). */
    public record Parts(ChainConfig chain, SelfKeys self, Jdbi jdbi, BlockStore blocks, PostgresNodeStore trieNodes,
                        InputWindow window, BlockPublisher publisher, DriverInbox inbox, GossipSigner signer,
                        GossipClient client) {
    }

    public static ConsensusModule register(ConsensusFactory config, Environment environment, Parts parts) {
        return register(config, environment, parts, System::currentTimeMillis);
    }

    /** As above with an explicit clock (milliseconds; the runtime's {@code nowMs}). */
    public static ConsensusModule register(ConsensusFactory config, Environment environment, Parts parts,
                                           LongSupplier clock) {
        DriverSettings settings = config.driverSettings();
        ChainTip tip = parts.blocks().latestTip().orElse(Genesis.tip(parts.chain()));
        ConsensusLog log = new ConsensusLog(parts.jdbi());
        StepInputLog inputLog = new StepInputLog(parts.window());
        SignerState signerState = new SignerStateStore(parts.jdbi()).load().orElse(SignerState.INITIAL);
        List<Decision> recovered = log.above(tip.height());
        NodeRuntime runtime = new NodeRuntime(parts.chain(), ConsensusRules.STANDARD,
                StandardConsensusCrypto.of(parts.self().keys()), parts.self().index(), signerState, tip, recovered,
                inputLog, settings.runtime());
        InputRecorder recorder = config.recordTo().isBlank() ? null : InputRecorder.open(Path.of(config.recordTo()),
                config.recordMaxBytes(), new Recording.Start(parts.self().index(), signerState, tip, recovered,
                        settings.runtime()));
        DriverMetrics metrics = new DriverMetrics(environment.metrics());
        ConsensusDriver driver = new ConsensusDriver(runtime, inputLog, recorder, tip, parts.inbox(),
                d -> performer(parts, settings, log, metrics, clock, d), settings.pollIntervalMs(), clock);
        parts.window().onAppend(parts.inbox()::inputAppended);
        NodeStatusView status = new RuntimeStatusView(parts.chain().chainId(), driver, parts.client()::peers);

        environment.lifecycle().manage(driver);
        environment.healthChecks().register("consensus-driver", new ConsensusDriverHealthCheck(driver));
        environment.healthChecks().register("peer-quorum",
                new PeerQuorumHealthCheck(status, parts.chain().validators().quorum()));
        environment.healthChecks().register("consensus-lag",
                new ConsensusLagHealthCheck(status, config.healthMaxLagHeights()));
        registerGauges(environment.metrics(), driver, status);
        return new ConsensusModule(driver, status);
    }

    private static OutputPerformer performer(Parts parts, DriverSettings settings, ConsensusLog log,
                                             DriverMetrics metrics, LongSupplier clock, ConsensusDriver driver) {
        Consumer<Input> done = in -> {
            if (!parts.inbox().complete(in)) {
                driver.fail(new IllegalStateException("the driver inbox has no room for a completion: " + in));
            }
        };
        OutputPerformer.Ports ports = new OutputPerformer.Ports(new SignerStateStore(parts.jdbi()), log, parts.signer(),
                parts.client(), parts.window(), parts.publisher()::blockStored);
        int writes = settings.runtime().maxPendingBlocks() * 2 + 4;
        return new OutputPerformer(ports, new BlockWriter(parts.blocks(), writes, done, driver::fail, metrics::stored),
                new BlockFetcher(blockUrls(parts.chain(), parts.self().index()), settings.runtime().fetchTimeoutMs(),
                        settings.fetchMaxResponseBytes(), done),
                new TrieLoader(parts.trieNodes(), done), new OutputReports(metrics, clock), driver::durable);
    }

    private static void registerGauges(MetricRegistry metrics, ConsensusDriver driver, NodeStatusView status) {
        metrics.register("consensus.height", (Gauge<Long>) status::height);
        metrics.register("consensus.round", (Gauge<Integer>) status::round);
        metrics.register("consensus.steps", (Gauge<Long>) driver::steps);
        metrics.register("consensus.alive", (Gauge<Integer>) () -> driver.alive() ? 1 : 0);
        metrics.register("consensus.pendingWrites", (Gauge<Integer>) () -> driver.status().pendingWrites());
        metrics.register("sync.catchingUp", (Gauge<Integer>) () -> status.catchingUp() ? 1 : 0);
        metrics.register("sync.targetHeight", (Gauge<Long>) status::vouchedPeerHeight);
        metrics.register("sync.failures", (Gauge<Long>) driver::fetchFailures);
        metrics.register("consensus.storageUnavailable", (Gauge<Integer>) () -> driver.storageUnavailableSinceMs() >= 0 ? 1 : 0);
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
        return status;
    }

    public ConsensusDriver driver() {
        return driver;
    }
}
