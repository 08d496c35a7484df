package io.diseq.node.gossip;

import io.diseq.node.metrics.BucketHistogram;
import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outbound gossip: one {@link PeerSender} per peer over a shared JDK {@link HttpClient} with
 * connect and request timeouts. {@link #send} and {@link #broadcast} only enqueue and never block
 * the caller (the consensus driver), whatever the peers do.
 */
public final class GossipClient implements Managed {
    /** The batch bound when none is given: well under the default gossip body limit (4 MiB). */
    public static final int DEFAULT_BATCH_BYTES = 1 << 20;

    private final Map<Integer, PeerSender> peers = new TreeMap<>();

    /**
     * @param peerUrls gossip URL of every OTHER validator, by validator index
     */
    public GossipClient(Map<Integer, URI> peerUrls, Duration connectTimeout, Duration requestTimeout,
                        RetryPolicy retry, int queuePerPeer) {
        this(peerUrls, connectTimeout, requestTimeout, retry, queuePerPeer, new BucketHistogram(BucketHistogram.LATENCY_MS));
    }

    /**
     * @param latencyMs round trip of every delivery attempt that got an HTTP answer (ms), all peers together
     */
    public GossipClient(Map<Integer, URI> peerUrls, Duration connectTimeout, Duration requestTimeout,
                        RetryPolicy retry, int queuePerPeer, BucketHistogram latencyMs) {
        this(peerUrls, connectTimeout, requestTimeout, retry, queuePerPeer, latencyMs, DEFAULT_BATCH_BYTES);
    }

    /**
     * @param maxBatchBytes largest body of a batch request (at most the peers' gossip body limit); what queued
     *                      up for a peer while a request was in flight goes in one request
     */
    public GossipClient(Map<Integer, URI> peerUrls, Duration connectTimeout, Duration requestTimeout,
                        RetryPolicy retry, int queuePerPeer, BucketHistogram latencyMs, int maxBatchBytes) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1).build();
        peerUrls.forEach((index, url) ->
                peers.put(index, new PeerSender(index, url, http, requestTimeout, retry, queuePerPeer, latencyMs,
                        maxBatchBytes)));
    }

    @Override
    public void start() {
        peers.values().forEach(PeerSender::start);
    }

    @Override
    public void stop() throws InterruptedException {
        for (PeerSender p : peers.values()) {
            p.stop();
        }
    }

    public void send(int peer, GossipEnvelope envelope) {
        PeerSender sender = peers.get(peer);
        if (sender == null) {
            throw new IllegalArgumentException("no peer " + peer);
        }
        sender.enqueue(envelope);
    }

    public void broadcast(GossipEnvelope envelope) {
        peers.values().forEach(p -> p.enqueue(envelope));
    }

    public List<PeerStatus> peers() {
        List<PeerStatus> out = new ArrayList<>();
        peers.values().forEach(p -> out.add(p.status()));
        return out;
    }
}
