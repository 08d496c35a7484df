package io.diseq.node.gossip;

import io.diseq.node.metrics.BucketHistogram;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers envelopes to one peer on its own thread, so a slow or dead peer delays only itself.
 * Its queue is bounded and drops the OLDEST envelope when full: consensus messages are superseded
 * by newer ones, and the driver's periodic rebroadcast re-sends what still matters. A 2xx is
 * delivered; 429, 5xx and I/O errors are retried per the policy; any other 4xx is final (the peer
 * rejected the envelope itself, e.g. REPLAYED after a retry whose first attempt did arrive).
 */
final class PeerSender {
    private final int peer;
    private final URI url;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final BucketHistogram latencyMs;
    private final LinkedBlockingDeque<GossipEnvelope> queue;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    PeerSender(int peer, URI url, HttpClient http, Duration requestTimeout, RetryPolicy retry, int capacity,
               BucketHistogram latencyMs) {
        this.latencyMs = latencyMs;
        this.peer = peer;
        this.url = url;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.queue = new LinkedBlockingDeque<>(capacity);
    }

    void start() {
        running = true;
        thread = new Thread(this::loop, "gossip-to-" + peer);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Never blocks. */
    void enqueue(GossipEnvelope envelope) {
        while (!queue.offerLast(envelope)) {
            if (queue.pollFirst() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    PeerStatus status() {
        return new PeerStatus(peer, url, delivered.get(), failed.get(), dropped.get(), consecutiveFailures.get(),
                queue.size());
    }

    private void loop() {
        try {
            while (running) {
                GossipEnvelope next = queue.pollFirst(500, TimeUnit.MILLISECONDS);
                if (next != null) {
                    deliver(EnvelopeJson.of(next).toBytes());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(byte[] body) throws InterruptedException {
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(retry.backoffMs(attempt - 1));
            }
            Outcome outcome = attempt(body);
            if (outcome != Outcome.RETRY) {
                record(outcome == Outcome.DELIVERED);
                return;
            }
        }
        record(false);
    }

    private void record(boolean ok) {
        if (ok) {
            delivered.incrementAndGet();
            consecutiveFailures.set(0);
        } else {
            failed.incrementAndGet();
            consecutiveFailures.incrementAndGet();
        }
    }

    private enum Outcome { DELIVERED, REJECTED, RETRY }

    private Outcome attempt(byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            long start = System.nanoTime();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            latencyMs.update((System.nanoTime() - start) / 1_000_000);
            if (status / 100 == 2) {
                return Outcome.DELIVERED;
            }
            return status == 429 || status >= 500 ? Outcome.RETRY : Outcome.REJECTED;
        } catch (IOException e) {
            return Outcome.RETRY;
        }
    }
}
