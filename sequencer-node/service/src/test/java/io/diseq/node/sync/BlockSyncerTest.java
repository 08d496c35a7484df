package io.diseq.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.consensus.Event;
import io.diseq.core.util.Bytes;
import io.diseq.node.testing.Await;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The syncer against a fake peer over real HTTP: it fetches from the height after the local one, hands
 * blocks to its target in height order and only then asks for more; it never applies anything itself.
 */
@Tag("unit")
class BlockSyncerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private BlockSyncer syncer;

    @AfterEach
    void stop() throws Exception {
        if (syncer != null) {
            syncer.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static Bytes fill(int b, int n) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) b);
        return Bytes.wrap(a);
    }

    private static byte[] block(long h) {
        BlockHeader header = new BlockHeader("c", h, 0, fill(1, 32), 1000 + h, 0, 0, fill(0xaa, 80), List.of(), 0,
                fill(2, 32), fill(3, 32), fill(4, 32));
        QuorumCertificate cert = new QuorumCertificate(h, 0, header.id(), List.of(new CommitSignature(0, fill(5, 64))));
        return SyncBlocksCodec.encodeBlock(header.encode(), cert.encode(), List.of(), List.of());
    }

    /** A peer holding heights 1..top that serves at most 3 blocks per request. */
    private URI peer(long top) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/blocks", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            requests.add(query);
            long from = Long.parseLong(query.replaceAll(".*from=(\\d+).*", "$1"));
            List<byte[]> blocks = new ArrayList<>();
            for (long h = from; h <= top && blocks.size() < 3; h++) {
                blocks.add(block(h));
            }
            byte[] body = SyncBlocksCodec.encodeResponse(blocks);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/internal/blocks");
    }

    /** Applies every offered block at once, as a driver whose core accepts them. */
    private static final class RecordingTarget implements SyncTarget {
        final List<Long> applied = new CopyOnWriteArrayList<>();
        volatile long height;

        RecordingTarget(long height) {
            this.height = height;
        }

        @Override
        public long localHeight() {
            return height;
        }

        @Override
        public boolean offer(Event.SyncedBlock block, long timeoutMs) {
            applied.add(block.header().height());
            height = block.header().height();
            return true;
        }
    }

    @Test
    void fetchesInHeightOrderFromThePeerThatIsAheadUntilCaughtUp() throws Exception {
        URI url = peer(10);
        RecordingTarget target = new RecordingTarget(2);
        syncer = new BlockSyncer(Map.of(1, url), new SyncSettings(3, 1 << 20, 2_000, 2, 60_000, 50),
                System::currentTimeMillis);
        syncer.attach(target);
        syncer.start();

        syncer.peerHeight(1, 10);

        Await.until(DEADLINE, "caught up to 10", () -> target.height == 10);
        assertThat(target.applied).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(requests.get(0)).isEqualTo("from=3&limit=3");
        Await.until(DEADLINE, "no longer catching up", () -> !syncer.catchingUp());
    }

    /**
     * A driver that refuses every offered block (as the core refuses a forged one) and says so. The
     * clock never advances, so only that signal can end the syncer's wait for the batch.
     */
    @Test
    void aRefusedBlockEndsTheWaitAndTheSyncerAsksAgain() throws Exception {
        URI url = peer(10);
        List<Long> offered = new CopyOnWriteArrayList<>();
        BlockSyncer[] self = new BlockSyncer[1];
        SyncTarget refusing = new SyncTarget() {
            @Override
            public long localHeight() {
                return 2;
            }

            @Override
            public boolean offer(Event.SyncedBlock block, long timeoutMs) {
                offered.add(block.header().height());
                self[0].offeredBlockNotApplied();
                return true;
            }
        };
        syncer = new BlockSyncer(Map.of(1, url), new SyncSettings(3, 1 << 20, 2_000, 2, 60_000, 50), () -> 0L);
        self[0] = syncer;
        syncer.attach(refusing);
        syncer.start();

        syncer.peerHeight(1, 10);

        Await.until(DEADLINE, "asked again after the refusal", () -> requests.size() >= 3);
        assertThat(requests).allMatch("from=3&limit=3"::equals);
        assertThat(offered).allMatch(h -> h >= 3);
    }

    @Test
    void oneHeightBehindWaitsForTheGracePeriodBeforeSyncing() throws Exception {
        URI url = peer(5);
        RecordingTarget target = new RecordingTarget(4);
        syncer = new BlockSyncer(Map.of(1, url), new SyncSettings(3, 1 << 20, 2_000, 2, 300, 50),
                System::currentTimeMillis);
        syncer.attach(target);
        syncer.start();

        syncer.syncNeeded(6);

        Await.until(DEADLINE, "synced the one missing height after the grace period", () -> target.height == 5);
        assertThat(target.applied).containsExactly(5L);
    }
}
