package io.diseq.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.MessageAbsence;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.util.Hex;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for a node's {@code GET /v1/messages/{id}/receipt} (JDK HTTP server): it serves
 * whatever receipt JSON a test registered, in the node's REST shape (schemas/README.md "Message
 * receipt"), or the node's 404 {@code MESSAGE_NOT_FOUND}. Only the transport is local; the receipts
 * are built from real core objects and verified for real by the client.
 */
final class StubNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> receipts = new ConcurrentHashMap<>();
    private final Map<String, String> absences = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notYet = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    StubNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/messages/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code json} for {@code id}, after answering 404 {@code notFoundFirst} times. */
    void serve(String id, String json, int notFoundFirst) {
        receipts.put(id, json);
        notYet.put(id, new AtomicInteger(notFoundFirst));
    }

    void serve(String id, String json) {
        serve(id, json, 0);
    }

    /** Answers 404 with this body (the node's {@code NotSequenced}: code, message, absence proof) for {@code id}. */
    void serveNotSequenced(String id, String json) {
        absences.put(id, json);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String[] path = exchange.getRequestURI().getPath().split("/");
        String id = path.length == 5 && path[4].equals("receipt") ? path[3] : "";
        String body = receipts.get(id);
        AtomicInteger wait = notYet.get(id);
        if (body != null && (wait == null || wait.getAndDecrement() <= 0)) {
            respond(exchange, 200, body);
        } else if (absences.containsKey(id)) {
            respond(exchange, 404, absences.get(id));
        } else {
            respond(exchange, 404, "{\"code\":\"MESSAGE_NOT_FOUND\",\"message\":\"no sequenced message " + id + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The node's JSON form of a receipt (REST {@code Receipt}: canonical RLP plus decoded fields). */
    static ObjectNode json(String chainId, MessageReceipt r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("chainId", chainId);
        o.put("messageId", r.messageId().toHex());
        o.put("height", r.header().height());
        o.put("index", r.index());
        o.put("message", r.message().toHex());
        o.set("header", header(r.header()));
        o.set("certificate", certificate(r.certificate()));
        o.set("messagesProof", proof(r.messagesProof()));
        o.set("stateProof", proof(r.stateProof()));
        return o;
    }

    /** The node's 404 body for an id that is not sequenced (REST {@code NotSequenced}). */
    static ObjectNode json(String chainId, MessageAbsence a) {
        ObjectNode absence = JSON.createObjectNode();
        absence.put("chainId", chainId);
        absence.put("messageId", a.messageId().toHex());
        absence.put("height", a.header().height());
        absence.set("header", header(a.header()));
        absence.set("certificate", a.certificate() == null ? JSON.nullNode() : certificate(a.certificate()));
        absence.set("stateProof", proof(a.stateProof()));
        ObjectNode o = JSON.createObjectNode();
        o.put("code", "MESSAGE_NOT_FOUND");
        o.put("message", "not sequenced as of height " + a.header().height());
        o.set("absence", absence);
        return o;
    }

    private static ObjectNode header(BlockHeader h) {
        ObjectNode o = JSON.createObjectNode();
        o.put("rlp", Hex.encode(h.encode()));
        o.put("id", h.id().toHex());
        o.put("chainId", h.chainId());
        o.put("height", h.height());
        o.put("round", h.round());
        o.put("parentHash", h.parentHash().toHex());
        o.put("timestampMs", h.timestampMs());
        o.put("proposerIndex", h.proposerIndex());
        o.put("committerIndex", h.committerIndex());
        o.put("commitmentPi", h.commitmentPi().toHex());
        ArrayNode ranges = o.putArray("ranges");
        for (PartitionRange r : h.ranges()) {
            ranges.addObject().put("partition", r.partition()).put("firstOffset", r.firstOffset())
                    .put("endOffset", r.endOffset());
        }
        o.put("messageCount", h.messageCount());
        o.put("messagesRoot", h.messagesRoot().toHex());
        o.put("stateRoot", h.stateRoot().toHex());
        o.put("validatorSetHash", h.validatorSetHash().toHex());
        return o;
    }

    private static ObjectNode certificate(QuorumCertificate c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("rlp", Hex.encode(c.encode()));
        o.put("height", c.height());
        o.put("round", c.round());
        o.put("blockId", c.blockId().toHex());
        ArrayNode sigs = o.putArray("signatures");
        for (CommitSignature s : c.signatures()) {
            sigs.addObject().put("validatorIndex", s.validatorIndex()).put("signature", s.signature().toHex());
        }
        return o;
    }

    private static ArrayNode proof(List<byte[]> nodes) {
        ArrayNode a = JSON.createArrayNode();
        nodes.forEach(n -> a.add(Hex.encode(n)));
        return a;
    }
}
