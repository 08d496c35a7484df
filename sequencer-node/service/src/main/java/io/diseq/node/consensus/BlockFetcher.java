package io.diseq.node.consensus;

import io.diseq.core.runtime.Input;
import io.diseq.core.runtime.Output;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Performs {@code Output.FetchBlocks} (docs/protocol.md §30.4): {@code GET <peer>/internal/blocks?from=&limit=}
 * with connect and request timeouts and a bounded body, answered with {@link Input.BlocksFetched} (the body, still
 * untrusted bytes) or {@link Input.FetchFailed}. It decodes and stores nothing: the runtime decodes, the core
 * verifies, and only a verified block is ever written.
 */
public final class BlockFetcher {
    private final Map<Integer, URI> blockUrls;
    private final long timeoutMs;
    private final int maxResponseBytes;
    private final Consumer<Input> done;
    private final HttpClient http;
    private final Worker<Output.FetchBlocks> worker;
    private final AtomicLong failures = new AtomicLong();

    /** @param blockUrls the {@code /internal/blocks} URL of every other validator, by index */
    public BlockFetcher(Map<Integer, URI> blockUrls, long timeoutMs, int maxResponseBytes, Consumer<Input> done) {
        this.blockUrls = new TreeMap<>(blockUrls);
        this.timeoutMs = timeoutMs;
        this.maxResponseBytes = maxResponseBytes;
        this.done = done;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMs))
                .version(HttpClient.Version.HTTP_1_1).build();
        this.worker = new Worker<>("block-fetcher", 4, f -> done.accept(fetch(f)));
    }

    void submit(Output.FetchBlocks f) {
        if (!worker.submit(f)) {
            done.accept(failed(f, "fetch queue full"));
        }
    }

    long failures() {
        return failures.get();
    }

    Worker<Output.FetchBlocks> worker() {
        return worker;
    }

    private Input fetch(Output.FetchBlocks f) {
        URI base = blockUrls.get(f.peer());
        if (base == null) {
            return failed(f, "no such peer");
        }
        URI uri = URI.create(base + "?from=" + f.from() + "&limit=" + f.count());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(timeoutMs)).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(maxResponseBytes + 1);
                if (response.statusCode() != 200) {
                    return failed(f, "HTTP " + response.statusCode());
                }
                if (bytes.length > maxResponseBytes) {
                    return failed(f, "response exceeds " + maxResponseBytes + " bytes");
                }
                return new Input.BlocksFetched(f.requestId(), f.peer(), bytes);
            }
        } catch (IOException e) {
            return failed(f, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(f, "interrupted");
        }
    }

    private Input failed(Output.FetchBlocks f, String reason) {
        failures.incrementAndGet();
        return new Input.FetchFailed(f.requestId(), f.peer(), reason);
    }
}
