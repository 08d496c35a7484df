package io.diseq.devnet;

/** A devnet start-up failure with a message a person can act on. */
public final class DevnetException extends Exception {
    private static final long serialVersionUID = 1L;

    public DevnetException(String message) {
        super(message);
    }

    public DevnetException(String message, Throwable cause) {
        super(message, cause);
    }
}
