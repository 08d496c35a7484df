package io.diseq.core.runtime;

import io.diseq.core.util.Bytes;
import java.util.Map;

/**
 * What a shell hands to {@link NodeRuntime#step} (docs/architecture.md, "Node runtime"). Everything from
 * outside the process arrives as bytes and is decoded inside the runtime by total decoders; completions
 * answer the runtime's own requests and carry the request's id, so a late or duplicate answer is ignored.
 */
public sealed interface Input {
    /** The first input: enters the current height and feeds the recovered decisions. */
    record Start() implements Input {}

    /** Time passed: due timers fire, schedules run. Shells send it at {@link NodeRuntime#nextWakeMs()}. */
    record Tick() implements Input {}

    /** The payload of a gossip envelope whose signature the shell verified; {@code sender} signed it. */
    record Gossip(int sender, GossipType type, long height, int round, byte[] payload) implements Input {}

    /** The input log holds new records. */
    record InputAppended() implements Input {}

    /** The body a peer answered to {@link Output.FetchBlocks} (still untrusted bytes). */
    record BlocksFetched(long requestId, int peer, byte[] body) implements Input {}

    /** A {@link Output.FetchBlocks} failed (timeout, connection, HTTP status). */
    record FetchFailed(long requestId, int peer, String reason) implements Input {}

    /** The store's answer to {@link Output.LoadTrieNodes}: every requested node it holds. */
    record TrieNodesLoaded(long requestId, Map<Bytes, byte[]> nodes) implements Input {
        public TrieNodesLoaded {
            nodes = Map.copyOf(nodes);
        }
    }

    /** A {@link Output.LoadTrieNodes} failed (a database error); the runtime retries after a pause. */
    record TrieLoadFailed(long requestId, String reason) implements Input {}

    /** The block of {@code height} (from {@link Output.PersistBlock}) is durable. */
    record BlockPersisted(long height) implements Input {}

    /** Writing the block of {@code height} failed; the shell dropped every later queued write too. */
    record PersistFailed(long height, String reason) implements Input {}
}
