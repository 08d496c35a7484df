package io.diseq.node.sync;

import io.diseq.core.consensus.Event;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch-up (docs/protocol.md §7.16, §30.4): learns how far peers are (their STATUS and consensus
 * heights, and the core's {@code SyncNeeded} hints), and while this node is behind, fetches decided
 * blocks from a peer that is ahead and feeds them, in height order, to the consensus driver, which
 * hands them to the core to verify and store. This class never stores anything itself, so an
 * unverified block can never reach the database. One thread; every request has a timeout; a peer
 * that fails or serves nothing useful is skipped for the next attempt.
 */
public final class BlockSyncer implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(BlockSyncer.class);
    private static final long IDLE_WAIT_MS = 200;

    private final Map<Integer, URI> blockUrls;
    private final SyncSettings settings;
    private final LongSupplier clock;
    private final HttpClient http;
    private final Map<Integer, Long> peerHeights = new TreeMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private SyncTarget target;
    private long hintedHeight = -1;
    private long behindSinceMs = -1;
    private int nextPeer;
    /** Set by the driver when it did not apply an offered block; reset before each batch is offered. */
    private boolean offeredBlockNotApplied;
    private volatile boolean catchingUp;
    private volatile boolean running;
    private Thread thread;

    /** @param blockUrls the {@code /internal/blocks} URL of every OTHER validator, by index */
    public BlockSyncer(Map<Integer, URI> blockUrls, SyncSettings settings, LongSupplier clock) {
        this.blockUrls = new TreeMap<>(blockUrls);
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.requestTimeoutMs()))
                .version(HttpClient.Version.HTTP_1_1).build();
        blockUrls.keySet().forEach(p -> peerHeights.put(p, -1L));
    }

    /** Must be called once before {@link #start}. */
    public void attach(SyncTarget syncTarget) {
        this.target = syncTarget;
    }

    @Override
    public synchronized void start() {
        if (target == null) {
            throw new IllegalStateException("no sync target attached");
        }
        running = true;
        thread = new Thread(this::loop, "block-syncer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            notifyAll();
        }
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
    }

    /** A peer showed that its latest decided height is at least {@code height}. */
    public synchronized void peerHeight(int peer, long height) {
        Long known = peerHeights.get(peer);
        if (known != null && height > known) {
            peerHeights.put(peer, height);
            notifyAll();
        }
    }

    /** The core's hint: f+1 validators are at {@code height}, so some decided {@code height − 1}. */
    public synchronized void syncNeeded(long height) {
        if (height - 1 > hintedHeight) {
            hintedHeight = height - 1;
            notifyAll();
        }
    }

    /** The local chain advanced (called by the driver after each stored block). */
    public synchronized void localAdvanced() {
        notifyAll();
    }

    /**
     * The driver did not apply a block this syncer offered (the core rejected it, or the height was
     * already decided): stop waiting for the rest of that batch and ask again, which round-robin
     * sends to the next peer that is ahead. Without it, a peer serving forged blocks would hold the
     * syncer for twice the request timeout per batch.
     */
    public synchronized void offeredBlockNotApplied() {
        offeredBlockNotApplied = true;
        notifyAll();
    }

    public boolean catchingUp() {
        return catchingUp;
    }

    /** Latest decided height reported by each peer (−1 if unknown). */
    public synchronized Map<Integer, Long> peerHeights() {
        return new TreeMap<>(peerHeights);
    }

    /** The highest height this node knows to be decided somewhere. */
    public synchronized long targetHeight() {
        long max = hintedHeight;
        for (long h : peerHeights.values()) {
            max = Math.max(max, h);
        }
        return max;
    }

    public long blocksFetched() {
        return applied.get();
    }

    public long failures() {
        return failures.get();
    }

    private void loop() {
        while (running) {
            try {
                long from = target.localHeight() + 1;
                Integer peer = awaitReason(from);
                if (peer != null) {
                    syncFrom(peer, from);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.warn("catch-up attempt failed", e);
                pause(settings.retryMs());
            }
        }
    }

    /** Waits until this node should sync from height {@code from}; returns the peer to ask, or null. */
    private synchronized Integer awaitReason(long from) throws InterruptedException {
        long goal = targetHeight();
        long now = clock.getAsLong();
        if (goal < from) {
            behindSinceMs = -1;
            catchingUp = false;
            wait(IDLE_WAIT_MS);
            return null;
        }
        if (behindSinceMs < 0) {
            behindSinceMs = now;
        }
        if (goal - from + 1 < settings.lagHeights() && now - behindSinceMs < settings.graceMs()) {
            wait(Math.max(1, Math.min(IDLE_WAIT_MS, settings.graceMs() - (now - behindSinceMs))));
            return null;
        }
        catchingUp = true;
        return pickPeer(from);
    }

    /** Round-robin over the peers known to hold {@code from}, else over all peers (hint only). */
    private Integer pickPeer(long from) {
        List<Integer> ahead = new ArrayList<>();
        peerHeights.forEach((p, h) -> {
            if (h >= from) {
                ahead.add(p);
            }
        });
        List<Integer> candidates = ahead.isEmpty() ? new ArrayList<>(peerHeights.keySet()) : ahead;
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.get(Math.floorMod(nextPeer++, candidates.size()));
    }

    private void syncFrom(int peer, long from) throws InterruptedException {
        List<Event.SyncedBlock> blocks = fetch(peer, from);
        if (blocks.isEmpty()) {
            pause(settings.retryMs());
            return;
        }
        synchronized (this) {
            offeredBlockNotApplied = false;
        }
        long last = from - 1;
        for (Event.SyncedBlock b : blocks) {
            if (b.header().height() != last + 1 || !target.offer(b, settings.requestTimeoutMs())) {
                break;
            }
            last = b.header().height();
        }
        awaitApplied(last);
    }

    /**
     * Waits (bounded) until the driver has applied the queued blocks, so they are not fetched twice,
     * or has refused one of them.
     */
    private void awaitApplied(long last) throws InterruptedException {
        long deadline = clock.getAsLong() + settings.requestTimeoutMs() * 2;
        synchronized (this) {
            long before = target.localHeight();
            while (running && !offeredBlockNotApplied && target.localHeight() < last && clock.getAsLong() < deadline) {
                wait(50);
            }
            applied.addAndGet(Math.max(0, target.localHeight() - before));
        }
    }

    private List<Event.SyncedBlock> fetch(int peer, long from) {
        URI uri = URI.create(blockUrls.get(peer) + "?from=" + from + "&limit=" + settings.batchBlocks());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(settings.requestTimeoutMs()))
                .GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(settings.maxResponseBytes() + 1);
                if (response.statusCode() != 200 || bytes.length > settings.maxResponseBytes()) {
                    failures.incrementAndGet();
                    return List.of();
                }
                return SyncBlocksCodec.decode(bytes);
            }
        } catch (IOException | IllegalArgumentException e) {
            failures.incrementAndGet();
            LOG.debug("catch-up request to peer {} failed: {}", peer, e.toString());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private void pause(long ms) {
        synchronized (this) {
            try {
                if (running) {
                    wait(ms);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
