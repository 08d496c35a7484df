package io.diseq.bench;

import io.diseq.core.crypto.Ed25519;
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

/**
 * Ed25519 (RFC 8032, Bouncy Castle) sign and verify of a 200-byte message, about the size of a
 * vote's sign bytes. Throughput per thread: ops/s on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigBench {
    private byte[] seed;
    private byte[] publicKey;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(8032);
        seed = new byte[32];
        random.nextBytes(seed);
        message = new byte[200];
        random.nextBytes(message);
        publicKey = Ed25519.publicKey(seed);
        signature = Ed25519.sign(seed, message);
    }

    @Benchmark
    public byte[] ed25519Sign() {
        return Ed25519.sign(seed, message);
    }

    @Benchmark
    public boolean ed25519Verify() {
        return Ed25519.verify(publicKey, message, signature);
    }
}
