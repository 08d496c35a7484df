package io.diseq.node.consensus;

import io.diseq.core.runtime.Input;
import io.diseq.core.runtime.Output;
import io.diseq.node.store.PostgresNodeStore;
import java.util.function.Consumer;

/**
 * Performs {@code Output.LoadTrieNodes}: one batched query for the requested state-trie nodes, answered with
 * {@link Input.TrieNodesLoaded} (the nodes the store holds) or {@link Input.TrieLoadFailed} (a database error; the
 * runtime retries after a pause). The core never reads PostgreSQL inside a step.
 */
public final class TrieLoader {
    private final PostgresNodeStore store;
    private final Consumer<Input> done;
    private final Worker<Output.LoadTrieNodes> worker;

    public TrieLoader(PostgresNodeStore store, Consumer<Input> done) {
        this.store = store;
        this.done = done;
        this.worker = new Worker<>("trie-loader", 4, l -> done.accept(load(l)));
    }

    void submit(Output.LoadTrieNodes l) {
        if (!worker.submit(l)) {
            done.accept(new Input.TrieLoadFailed(l.requestId(), "trie load queue full"));
        }
    }

    Worker<Output.LoadTrieNodes> worker() {
        return worker;
    }

    private Input load(Output.LoadTrieNodes l) {
        try {
            return new Input.TrieNodesLoaded(l.requestId(), store.getMany(l.hashes()));
        } catch (RuntimeException e) {
            return new Input.TrieLoadFailed(l.requestId(), e.toString());
        }
    }
}
