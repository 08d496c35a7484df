package io.diseq.node.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling briefly; tests never sleep for a fixed time. */
public final class Await {
    private Await() {
    }

    public static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting until " + what);
            }
            pause();
        }
    }

    /** As {@link #until(Duration, String, BooleanSupplier)}; the description is computed when the deadline passes. */
    public static void until(Duration deadline, Supplier<String> what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting until " + what.get());
            }
            pause();
        }
    }

    /** Waits until {@code supplier} returns a value for which {@code done} holds, and returns it. */
    public static <T> T value(Duration deadline, String what, Supplier<T> supplier,
                              java.util.function.Predicate<T> done) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            T v = supplier.get();
            if (done.test(v)) {
                return v;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting until " + what + "; last: " + v);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
