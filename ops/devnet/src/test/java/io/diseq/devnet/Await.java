package io.diseq.devnet;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (tests never sleep for a fixed time to wait for something). */
final class Await {
    private Await() {
    }

    static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
