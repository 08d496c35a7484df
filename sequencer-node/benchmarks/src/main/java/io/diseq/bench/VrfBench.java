package io.diseq.bench;

import io.diseq.core.crypto.Ecvrf;
import java.util.Optional;
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
 * ECVRF-EDWARDS25519-SHA512-TAI (RFC 9381) prove, verify and proof_to_hash for a 60-byte alpha,
 * the size of a leader-selection input (tag, chain id, height, round, parent hash). Average time
 * per operation on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VrfBench {
    private byte[] seed;
    private byte[] publicKey;
    private byte[] alpha;
    private byte[] proof;

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(9381);
        seed = new byte[32];
        random.nextBytes(seed);
        alpha = new byte[60];
        random.nextBytes(alpha);
        publicKey = Ecvrf.publicKey(seed);
        proof = Ecvrf.prove(seed, alpha);
    }

    @Benchmark
    public byte[] ecvrfProve() {
        return Ecvrf.prove(seed, alpha);
    }

    @Benchmark
    public Optional<byte[]> ecvrfVerify() {
        return Ecvrf.verify(publicKey, proof, alpha);
    }

    @Benchmark
    public byte[] ecvrfProofToHash() {
        return Ecvrf.proofToHash(proof);
    }
}
