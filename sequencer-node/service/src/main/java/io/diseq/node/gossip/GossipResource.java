package io.diseq.node.gossip;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.diseq.node.http.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /internal/gossip}: accepts one signed envelope from a peer validator (202), or rejects
 * it with a typed 4xx. {@code POST /internal/gossip/batch} takes a JSON array of up to
 * {@link EnvelopeJson#BATCH_MAX} envelopes in one request (what a peer's sender had queued): each is
 * checked exactly as a single one and rejected or queued on its own (200 with the counts); a body that
 * is not such an array is MALFORMED, and a full inbox answers 429 OVERLOADED for the whole batch (the
 * sender retries it; the envelopes already queued then come back REPLAYED and are dropped). It reads at most the gossip body limit + 1 bytes, so an oversized body costs
 * no more memory than the limit (see {@link GossipRejectCode}) and counts the reject by code. Thin: the
 * verifier decides, the inbox queues; nothing here touches consensus state.
 */
@Path("/internal/gossip")
public final class GossipResource {
    private final GossipVerifier verifier;
    private final GossipInbox inbox;
    private final int maxBodyBytes;
    private final Counter accepted;
    private final Map<GossipRejectCode, Counter> rejected = new EnumMap<>(GossipRejectCode.class);

    public GossipResource(GossipVerifier verifier, GossipInbox inbox, int maxBodyBytes, MetricRegistry metrics) {
        this.verifier = verifier;
        this.inbox = inbox;
        this.maxBodyBytes = maxBodyBytes;
        this.accepted = metrics.counter("gossip.accepted");
        for (GossipRejectCode code : GossipRejectCode.values()) {
            rejected.put(code, metrics.counter("gossip.rejected." + code.name()));
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(InputStream body) {
        GossipVerdict verdict = verifier.verify(readBounded(body));
        if (verdict instanceof GossipVerdict.Reject r) {
            throw reject(r.code(), r.detail());
        }
        GossipEnvelope envelope = ((GossipVerdict.Accept) verdict).envelope();
        if (!inbox.offer(envelope)) {
            throw reject(GossipRejectCode.OVERLOADED, "inbound gossip queue is full");
        }
        accepted.inc();
        return Response.accepted(Map.of("status", "accepted")).build();
    }

    @POST
    @Path("batch")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receiveBatch(InputStream body) {
        Optional<List<GossipEnvelope>> parsed = EnvelopeJson.parseBatch(readBounded(body));
        if (parsed.isEmpty()) {
            throw reject(GossipRejectCode.MALFORMED, "not a JSON array of 1 to " + EnvelopeJson.BATCH_MAX
                    + " well-formed gossip envelopes");
        }
        int accepted = 0;
        int refused = 0;
        boolean overloaded = false;
        for (GossipEnvelope e : parsed.get()) {
            GossipVerdict verdict = verifier.verify(e);
            if (verdict instanceof GossipVerdict.Reject r) {
                rejected.get(r.code()).inc();
                refused++;
            } else if (overloaded || !inbox.offer(e)) {
                overloaded = true;
                rejected.get(GossipRejectCode.OVERLOADED).inc();
            } else {
                this.accepted.inc();
                accepted++;
            }
        }
        if (overloaded) {
            throw new ApiException(GossipRejectCode.OVERLOADED, "inbound gossip queue is full after " + accepted
                    + " envelopes of the batch");
        }
        return Response.ok(Map.of("accepted", accepted, "rejected", refused)).build();
    }

    private byte[] readBounded(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw reject(GossipRejectCode.MALFORMED, "could not read the request body");
        }
        if (bytes.length > maxBodyBytes) {
            throw reject(GossipRejectCode.TOO_LARGE, "envelope exceeds " + maxBodyBytes + " bytes");
        }
        return bytes;
    }

    private ApiException reject(GossipRejectCode code, String detail) {
        rejected.get(code).inc();
        return new ApiException(code, detail);
    }
}
