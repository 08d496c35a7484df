package io.diseq.bench;

import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpItem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** RLP of a block-sized list: 1,000 items of 100 bytes (about 103 KB encoded). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RlpBench {
    private static final int ITEMS = 1_000;

    private List<byte[]> payloads;
    private byte[] encodedList;

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(1);
        payloads = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            byte[] item = new byte[100];
            random.nextBytes(item);
            payloads.add(item);
        }
        encodedList = encodeBlockList();
    }

    /** Encodes each item as a string, then the list. */
    @Benchmark
    public byte[] encodeBlockList() {
        List<byte[]> encoded = new ArrayList<>(ITEMS);
        for (byte[] p : payloads) {
            encoded.add(Rlp.encodeBytes(p));
        }
        return Rlp.encodeList(encoded);
    }

    /** Strictly decodes the whole list. */
    @Benchmark
    public RlpItem decodeBlockList() {
        return Rlp.decode(encodedList);
    }
}
