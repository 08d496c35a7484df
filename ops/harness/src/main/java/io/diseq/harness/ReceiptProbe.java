package io.diseq.harness;

import io.diseq.core.util.Hex;
import io.diseq.harness.Results.Latency;
import io.diseq.harness.Results.Receipts;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Receipt reads against one validator: {@code threads} clients, each reading
 * {@code GET /v1/messages/{id}/receipt} for random ids of the chain (the finality monitor's uniform
 * sample) back to back for the given time, each over one kept-alive connection ({@link KeepAliveGet}).
 * Latency in microseconds, reported in milliseconds.
 */
final class ReceiptProbe {
    private ReceiptProbe() {
    }

    static Receipts run(String validator, URI rest, List<byte[]> ids, int threads, long seconds)
            throws InterruptedException {
        Histogram latency = new Histogram(60_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong notFound = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads && !ids.isEmpty(); t++) {
            SplittableRandom random = new SplittableRandom(t);
            Thread w = new Thread(() -> {
                Histogram mine = new Histogram(60_000_000L, 3);
                try (KeepAliveGet http = new KeepAliveGet(rest)) {
                    while (System.nanoTime() < end) {
                        String id = Hex.encode(ids.get(random.nextInt(ids.size())));
                        long t0 = System.nanoTime();
                        int status = http.get("/v1/messages/" + id + "/receipt");
                        mine.recordValue(Math.min((System.nanoTime() - t0) / 1000, mine.getHighestTrackableValue()));
                        (status == 200 ? ok : status == 404 ? notFound : errors).incrementAndGet();
                    }
                }
                synchronized (latency) {
                    latency.add(mine);
                }
            }, "receipts-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join(seconds * 1000 + 30_000);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Receipts(validator, threads, elapsed, ids.size(), ok.get(), notFound.get(), errors.get(),
                ok.get() / elapsed, Latency.of(latency, 1000));
    }
}
