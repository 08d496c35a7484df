package io.diseq.node.wiring;

import com.codahale.metrics.Gauge;
import io.diseq.node.config.GossipFactory;
import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.config.NodeSettings;
import io.diseq.node.config.SelfKeys;
import io.diseq.node.consensus.DriverInbox;
import io.diseq.node.gossip.GossipClient;
import io.diseq.node.gossip.GossipResource;
import io.diseq.node.gossip.GossipSigner;
import io.diseq.node.gossip.GossipVerifier;
import io.diseq.node.health.InputReaderHealthCheck;
import io.diseq.node.health.KafkaHealthCheck;
import io.diseq.node.http.BodyLimitFilter;
import io.diseq.node.http.HeaderTimeout;
import io.diseq.node.http.InternalServer;
import io.diseq.node.http.PublicServer;
import io.diseq.node.health.PublisherHealthCheck;
import io.diseq.node.input.InputReader;
import io.diseq.node.input.InputTopic;
import io.diseq.node.input.InputWindow;
import io.diseq.node.metrics.BucketHistogram;
import io.diseq.node.publish.BlockPublisher;
import io.diseq.node.publish.CrashPoint;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.store.PostgresNodeStore;
import io.diseq.node.sync.BlocksResource;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The node's one wiring package: builds every component from the validated configuration, by hand
 * (no DI container), and registers lifecycles, health checks and metrics with Dropwizard. The order
 * reads top to bottom: keys and storage, the Kafka reader and publisher, gossip and the two HTTP
 * servers ({@link #wire}); the consensus driver on top of them ({@link ConsensusModule}); the catch-up
 * endpoint and the public REST API last ({@link ApiModule}). Nothing outside this package constructs
 * adapters; the other packages hold the adapters themselves.
 */
public final class NodeWiring {
    private NodeWiring() {
    }

    /** The wired node: its components, and the consensus module once it is registered. */
    public record Node(NodeSettings settings, SelfKeys self, Jdbi jdbi, BlockStore blocks, PostgresNodeStore trieNodes,
                       InputWindow window, InputReader reader, BlockPublisher publisher, DriverInbox gossipInbox,
                       GossipSigner gossipSigner, GossipClient gossipClient, InternalServer internal,
                       ConsensusModule consensus) {
    }

    /** Wires the whole node: components, consensus driver, catch-up endpoint and public API. */
    public static Node wire(NodeConfiguration config, Environment environment) {
        Node components = components(config, environment);
        ConsensusModule consensus = ConsensusModule.register(config.consensus(), environment, consensusParts(components));
        components.internal().register(new BlocksResource(components.blocks(),
                config.consensus().driverSettings().serveBlocks(),
                config.consensus().driverSettings().fetchMaxResponseBytes()));
        ApiModule.register(environment, components.settings(), components.blocks(), components.trieNodes(),
                config.receiptBlockCacheBytes(), components.window(), consensus.status());
        return new Node(components.settings(), components.self(), components.jdbi(), components.blocks(),
                components.trieNodes(), components.window(), components.reader(), components.publisher(),
                components.gossipInbox(), components.gossipSigner(), components.gossipClient(), components.internal(),
                consensus);
    }

    private static Node components(NodeConfiguration config, Environment environment) {
        NodeSettings settings = NodeSettings.from(config);
        SelfKeys self = SelfKeys.load(settings.keyFile(), settings.chain());

        Jdbi jdbi = NodeDatabase.open(new JdbiFactory().build(environment, config.database(), "postgresql"));
        PostgresNodeStore trieNodes = new PostgresNodeStore(jdbi, config.trieNodeCacheEntries());
        BlockStore blocks = new BlockStore(jdbi, trieNodes::remember);

        InputWindow window = InputTopic.openWindow(settings.kafka(), blocks.latestPositions(), Map.of());
        InputReader reader = new InputReader(settings.kafka(), window, Map.of());
        environment.lifecycle().manage(reader);
        environment.healthChecks().register("input-reader", new InputReaderHealthCheck(reader));
        environment.metrics().register("input.partitionsAdded", (Gauge<Integer>) () -> reader.addedPartitions().size());

        BlockPublisher publisher = new BlockPublisher(settings.chain().chainId(), settings.kafka(),
                config.publisherSettings(self.index()), blocks, Map.of(), CrashPoint.NONE);
        environment.lifecycle().manage(publisher);
        environment.healthChecks().register("block-publisher", new PublisherHealthCheck(publisher));

        GossipFactory gossip = config.gossip();
        DriverInbox inbox = new DriverInbox(gossip.inboxCapacity());
        GossipVerifier verifier = new GossipVerifier(settings.chain().chainId(), settings.chain().validators(),
                self.index(), gossip.replayWindow());
        GossipSigner signer = new GossipSigner(settings.chain().chainId(), self.index(), self.keys().signing());
        GossipClient client = new GossipClient(peerUrls(settings, self.index()), gossip.connectTimeout(),
                gossip.requestTimeout(), gossip.retryPolicy(), gossip.queuePerPeer(),
                BucketHistogram.latencyMs(environment.metrics(), "gossip.latencyMs"),
                Math.min(GossipClient.DEFAULT_BATCH_BYTES, settings.http().gossipMaxBodyBytes()));
        environment.lifecycle().manage(client);

        InternalServer internal = serveHttp(config, environment, settings);
        internal.register(new GossipResource(verifier, inbox, settings.http().gossipMaxBodyBytes(),
                environment.metrics()));
        KafkaHealthCheck kafkaHealth = new KafkaHealthCheck(settings.kafka().bootstrapServers(),
                Duration.ofMillis(Math.min(settings.kafka().requestTimeoutMs(), 5_000)));
        environment.lifecycle().manage(kafkaHealth);
        environment.healthChecks().register("kafka", kafkaHealth);
        NodeMetrics.register(environment.metrics(), window, publisher, inbox, client);
        return new Node(settings, self, jdbi, blocks, trieNodes, window, reader, publisher, inbox, signer, client,
                internal, null);
    }

    /**
     * The two HTTP servers (docs/architecture.md §HTTP connectors): Dropwizard's, hardened, for the
     * public API, the explorer and admin; and the gossip server, with its own connector and thread
     * pool, for {@code /internal/*} only. One header-timeout sweeper watches the connectors of both.
     */
    private static InternalServer serveHttp(NodeConfiguration config, Environment environment, NodeSettings settings) {
        InternalServer.Settings gossipServer = config.gossipServer().build();
        HeaderTimeout headerTimeout = new HeaderTimeout(Math.min(settings.http().publicConnector().headerTimeoutMs(),
                gossipServer.limits().headerTimeoutMs()));
        environment.lifecycle().manage(headerTimeout);
        PublicServer.install(environment, settings.http().publicConnector(), headerTimeout);
        environment.jersey().register(new BodyLimitFilter(settings.http().apiMaxBodyBytes()));
        InternalServer internal = new InternalServer(gossipServer, environment.getObjectMapper(), headerTimeout);
        environment.lifecycle().manage(internal);
        return internal;
    }

    /** What the consensus module needs from the wired node. */
    private static ConsensusModule.Parts consensusParts(Node n) {
        return new ConsensusModule.Parts(n.settings().chain(), n.self(), n.jdbi(), n.blocks(), n.trieNodes(), n.window(),
                n.publisher(), n.gossipInbox(), n.gossipSigner(), n.gossipClient());
    }

    private static Map<Integer, URI> peerUrls(NodeSettings settings, int selfIndex) {
        Map<Integer, URI> urls = new TreeMap<>();
        for (int i = 0; i < settings.chain().validators().size(); i++) {
            if (i != selfIndex) {
                urls.put(i, URI.create(settings.chain().validators().get(i).gossipUrl()));
            }
        }
        return urls;
    }
}
