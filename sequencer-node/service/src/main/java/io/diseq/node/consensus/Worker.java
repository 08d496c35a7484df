package io.diseq.node.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread working through a bounded FIFO of requests from the consensus driver (block writes,
 * catch-up fetches, trie loads). {@link #submit} never blocks: a full queue returns false and the caller answers
 * the request as failed. The handler reports its result back to the driver as an input; an exception it lets
 * escape is logged and the worker goes on with the next request.
 */
final class Worker<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final long POLL_MS = 200;

    private final String name;
    private final BlockingQueue<T> queue;
    private final Consumer<T> handler;
    private volatile boolean running;
    private Thread thread;

    Worker(String name, int capacity, Consumer<T> handler) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.handler = handler;
    }

    boolean submit(T request) {
        return running && queue.offer(request);
    }

    /** Takes every queued request (the block writer drops them after a failure). */
    List<T> drain() {
        List<T> out = new ArrayList<>();
        queue.drainTo(out);
        return out;
    }

    boolean running() {
        return running;
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
    }

    private void loop() {
        while (running) {
            try {
                T request = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (request != null) {
                    handler.accept(request);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("{}: request failed unexpectedly", name, e);
            }
        }
    }
}
