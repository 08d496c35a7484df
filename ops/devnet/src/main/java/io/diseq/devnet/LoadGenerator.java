package io.diseq.devnet;

import io.diseq.client.Publisher;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --load RATE}: publishes RATE distinct messages per second to {@code <chain>.messages.raw}
 * with the client library, in ticks of {@value #TICK_MS} ms. Sends are asynchronous; the producer's
 * own buffer bounds what is in flight, and a failed send is only counted.
 */
final class LoadGenerator implements AutoCloseable {
    private static final long TICK_MS = 100;

    private final Publisher publisher;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "devnet-load");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sequence = new AtomicLong();
    private final String runId = Long.toHexString(System.nanoTime());
    private double owed;

    LoadGenerator(Publisher publisher, double ratePerSecond) {
        if (!(ratePerSecond > 0) || ratePerSecond > 1_000_000) {
            throw new IllegalArgumentException("--load must be between 0 and 1000000 messages/s, got " + ratePerSecond);
        }
        this.publisher = publisher;
        double perTick = ratePerSecond * TICK_MS / 1000.0;
        ticker.scheduleAtFixedRate(() -> tick(perTick), 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick(double perTick) {
        owed += perTick;
        while (owed >= 1) {
            owed -= 1;
            long n = sequence.incrementAndGet();
            publisher.publish(("devnet-load " + runId + " " + n).getBytes(StandardCharsets.UTF_8));
        }
    }

    long sent() {
        return publisher.sent();
    }

    long failed() {
        return publisher.failed();
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        publisher.close();
    }
}
