package io.diseq.node.http;

import java.util.Objects;

/**
 * A request rejected with a stable code. Resources throw it; {@link ApiExceptionMapper} is the one
 * place that turns it into an HTTP status and a JSON body {@code {"code": "...", "message": "..."}}.
 */
public final class ApiException extends RuntimeException {
    private final transient ApiErrorCode code;

    public ApiException(ApiErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ApiErrorCode code() {
        return code;
    }
}
