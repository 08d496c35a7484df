package io.diseq.node.publish;

/**
 * Where a test may make the publisher die as a crashed process would: the exception thrown here
 * ends the publisher thread with its transaction still open and its producer not closed, exactly
 * the state a killed JVM leaves on the broker. Production uses {@link #NONE}.
 */
@FunctionalInterface
public interface CrashPoint {
    CrashPoint NONE = (first, last) -> { };

    /** Called after the records of heights {@code first..last} were sent, before the commit. */
    void beforeCommit(long first, long last);
}
