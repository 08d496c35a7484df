package io.diseq.core.chain;

/** The outcome of checking a message, block or certificate (docs/protocol.md §7.15): accepted, or rejected with a stable code. */
public sealed interface Verdict {
    Verdict ACCEPT = new Accept();

    static Verdict reject(RejectCode code, String detail) {
        return new Reject(code, detail);
    }

    default boolean accepted() {
        return this instanceof Accept;
    }

    record Accept() implements Verdict {}

    record Reject(RejectCode code, String detail) implements Verdict {}
}
