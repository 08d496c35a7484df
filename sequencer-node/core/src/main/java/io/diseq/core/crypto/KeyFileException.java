package io.diseq.core.crypto;

/**
 * A validator key file or public identity string that does not follow docs/protocol.md §3.3–3.4.
 * The message names the line and the rule broken; it never contains secret material.
 */
public final class KeyFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What is wrong, as a stable code (for tests, logs and CLI exit messages). */
    public enum Problem {
        EMPTY,
        NOT_A_KEY_FILE,
        NOT_AN_IDENTITY,
        UNSUPPORTED_VERSION,
        LINE_ENDINGS,
        LINE_COUNT,
        FIELD,
        HEX,
        PUBLIC_KEY_MISMATCH,
        INVALID_PUBLIC_KEY,
        SEEDS_NOT_DISTINCT
    }

    private final Problem problem;

    public KeyFileException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
