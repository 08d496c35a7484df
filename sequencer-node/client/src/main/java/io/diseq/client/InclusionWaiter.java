package io.diseq.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.chain.MessageReceipt;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code publish --await}: polls a node for each published message's receipt until every one is
 * included or the deadline passes, printing height and index as each is found. With a validator set
 * each receipt is verified offline ({@link ReceiptVerifier}) before it counts; without one the node's
 * word is taken (and the output says so).
 */
final class InclusionWaiter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_INTERVAL_MS = 250;

    /** One {@code --json} line per included message. */
    record Included(String id, long height, int index, boolean verified) {}

    private final NodeClient node;
    private final ReceiptVerifier verifier;
    private final PrintStream out;
    private final boolean json;

    /** @param verifier null to trust the node's height and index without verifying */
    InclusionWaiter(NodeClient node, ReceiptVerifier verifier, PrintStream out, boolean json) {
        this.node = node;
        this.verifier = verifier;
        this.out = out;
        this.json = json;
    }

    /**
     * Waits for every id; returns the ids still not included when {@code timeout} ran out.
     *
     * @throws ClientException if the node is unreachable or a receipt does not verify
     */
    List<String> await(Set<String> ids, Duration timeout) throws ClientException, InterruptedException {
        Set<String> pending = new LinkedHashSet<>(ids);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            for (String id : List.copyOf(pending)) {
                if (node.receipt(id) instanceof NodeClient.ReceiptResponse.Found found) {
                    print(included(id, found.body()));
                    pending.remove(id);
                }
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (pending.isEmpty() || leftMs <= 0) {
                break;
            }
            Thread.sleep(Math.min(POLL_INTERVAL_MS, leftMs));
        }
        return new ArrayList<>(pending);
    }

    private Included included(String id, JsonNode body) throws ClientException {
        if (verifier == null) {
            return new Included(id, body.path("height").asLong(-1), body.path("index").asInt(-1), false);
        }
        ReceiptVerifier.Result result = verifier.verify(id, body);
        if (result instanceof ReceiptVerifier.Result.Failed f) {
            throw new ClientException("the receipt of message " + id + " from " + node.base() + " does NOT verify: "
                    + f.code() + ": " + f.reason(), null, Cli.EXIT_VERIFICATION_FAILED);
        }
        MessageReceipt r = ((ReceiptVerifier.Result.Verified) result).receipt();
        return new Included(id, r.header().height(), r.index(), true);
    }

    private void print(Included i) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(i));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an inclusion line always serializes", e);
            }
        } else {
            out.println("included " + i.id() + " at height " + i.height() + ", index " + i.index()
                    + (i.verified() ? " (receipt verified)" : " (not verified: no --validators)"));
        }
        out.flush();
    }
}
