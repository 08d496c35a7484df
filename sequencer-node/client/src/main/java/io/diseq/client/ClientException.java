package io.diseq.client;

/**
 * A failure a person can act on (unreachable broker, missing topic, unreadable input). Its message
 * says what happened and what to check; the CLI prints only the message unless {@code --verbose}.
 */
public class ClientException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClientException(String message) {
        super(message);
    }

    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
