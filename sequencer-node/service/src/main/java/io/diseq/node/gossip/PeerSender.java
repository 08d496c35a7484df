package io.diseq.node.gossip;

import io.diseq.node.metrics.BucketHistogram;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers envelopes to one peer on its own thread, so a slow or dead peer delays only itself.
 * Its queue is bounded and drops the OLDEST envelope when full: consensus messages are superseded
 * by newer ones, and the driver's periodic rebroadcast re-sends what still matters. A 2xx is
 * delivered; 408 (the peer gave up reading the body: nothing of it was judged), 429, 5xx and I/O errors
 * are retried per the policy; any other 4xx is final (the peer rejected the envelope itself, e.g.
 * REPLAYED after a retry whose first attempt did arrive).
 *
 * <p>What queued up while a request was in flight goes in ONE request: up to {@link EnvelopeJson#BATCH_MAX}
 * envelopes and {@code maxBatchBytes} bytes to {@code <url>/batch} (a lone envelope still goes to {@code <url>}).
 * So a burst (a relay re-send, a proposal with its votes) costs one round trip and one request's overhead on
 * both sides instead of one per envelope, and a fresh vote waits behind at most one request, not a queue of
 * them. A peer that does not know the batch path (404 or 405) is sent single envelopes from then on.
 */
final class PeerSender {
    private final int peer;
    private final URI url;
    private final URI batchUrl;
    private final int maxBatchBytes;
    private volatile boolean batches = true;
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
               BucketHistogram latencyMs, int maxBatchBytes) {
        this.latencyMs = latencyMs;
        this.peer = peer;
        this.url = url;
        this.batchUrl = URI.create(url.toString().replaceAll("/+$", "") + "/batch");
        this.maxBatchBytes = maxBatchBytes;
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
                    sendFrom(EnvelopeJson.of(next).toBytes());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends {@code first} alone, or with what else is queued now as one batch. */
    private void sendFrom(byte[] first) throws InterruptedException {
        List<byte[]> batch = new ArrayList<>();
        batch.add(first);
        long bytes = first.length + 2;
        byte[] carry = null;
        while (batches && batch.size() < EnvelopeJson.BATCH_MAX) {
            GossipEnvelope more = queue.pollFirst();
            if (more == null) {
                break;
            }
            byte[] encoded = EnvelopeJson.of(more).toBytes();
            if (bytes + encoded.length + 1 > maxBatchBytes) {
                carry = encoded;
                break;
            }
            batch.add(encoded);
            bytes += encoded.length + 1;
        }
        if (batch.size() == 1) {
            deliver(url, first, 1);
        } else if (deliver(batchUrl, EnvelopeJson.batch(batch), batch.size()) == Outcome.UNKNOWN_PATH) {
            batches = false; // a peer without the batch path: its envelopes go one by one from now on
            for (byte[] single : batch) {
                deliver(url, single, 1);
            }
        }
        if (carry != null) {
            sendFrom(carry);
        }
    }

    /** Delivers one request (retried per the policy); UNKNOWN_PATH is returned, not recorded, for a batch. */
    private Outcome deliver(URI to, byte[] body, int envelopes) throws InterruptedException {
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(retry.backoffMs(attempt - 1));
            }
            Outcome outcome = attempt(to, body);
            if (outcome == Outcome.UNKNOWN_PATH && envelopes > 1) {
                return outcome;
            }
            if (outcome != Outcome.RETRY) {
                record(outcome == Outcome.DELIVERED, envelopes);
                return outcome;
            }
        }
        record(false, envelopes);
        return Outcome.RETRY;
    }

    private void record(boolean ok, int envelopes) {
        if (ok) {
            delivered.addAndGet(envelopes);
            consecutiveFailures.set(0);
        } else {
            failed.addAndGet(envelopes);
            consecutiveFailures.incrementAndGet();
        }
    }

    private enum Outcome { DELIVERED, REJECTED, RETRY, UNKNOWN_PATH }

    private Outcome attempt(URI to, byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(to).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            long start = System.nanoTime();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            latencyMs.update((System.nanoTime() - start) / 1_000_000);
            if (status / 100 == 2) {
                return Outcome.DELIVERED;
            }
            if (status == 404 || status == 405) {
                return Outcome.UNKNOWN_PATH; // for a single envelope: final, as any other 4xx
            }
            return status == 408 || status == 429 || status >= 500 ? Outcome.RETRY : Outcome.REJECTED;
        } catch (IOException e) {
            return Outcome.RETRY;
        }
    }
}
