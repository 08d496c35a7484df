package io.diseq.client;

/**
 * A failure a person can act on (unreachable broker, missing topic, unreadable input). Its message
 * says what happened and what to check; the CLI prints only the message unless {@code --verbose}.
 */
public class ClientException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ClientException(String message) {
        this(message, null, Cli.EXIT_CANNOT_PROCEED);
    }

    public ClientException(String message, Throwable cause) {
        this(message, cause, Cli.EXIT_CANNOT_PROCEED);
    }

    /** A failure with its own exit code ({@link Cli#EXIT_VERIFICATION_FAILED}, {@link Cli#EXIT_NOT_FOUND}). */
    public ClientException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The CLI's exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
