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
import java.util.Map;

/**
 * {@code POST /internal/gossip}: accepts one signed envelope from a peer validator (202), or rejects
 * it with a typed 4xx. It reads at most the gossip body limit + 1 bytes, so an oversized body costs
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
