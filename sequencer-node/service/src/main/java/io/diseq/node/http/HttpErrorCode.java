package io.diseq.node.http;

/**
 * Stable codes of the errors that the HTTP layers produce by themselves, before or around a resource:
 * Jetty (a request it cannot parse, an ambiguous path, a slow client) and Jersey (no such path, wrong
 * method, media type). Every such error is a JSON {@link ErrorBody} with one of these codes and the
 * HTTP status Jetty or Jersey chose; {@link #forStatus} is the one mapping. Append only; never rename.
 */
public enum HttpErrorCode implements ApiErrorCode {
    /** The request is malformed: bad URI encoding ({@code %00}, {@code %2F} in a segment), bad header, bad parameter. */
    BAD_REQUEST(400),
    /** No resource at that path on this connector. */
    NOT_FOUND(404),
    /** The path exists but not with that method (also TRACE, which is never served). */
    METHOD_NOT_ALLOWED(405),
    /** No representation matches the Accept header. */
    NOT_ACCEPTABLE(406),
    /** The client sent its request (headers or body) too slowly or not at all. */
    REQUEST_TIMEOUT(408),
    /** The request body is larger than the limit of the connector or endpoint. */
    TOO_LARGE(413),
    /** The request URI is too long. */
    URI_TOO_LONG(414),
    /** The Content-Type is not one the endpoint accepts, or cannot be parsed. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The request headers are too large. */
    HEADERS_TOO_LARGE(431),
    /** An unexpected failure inside the node; the log has the detail. */
    INTERNAL(500),
    /** The node cannot take the request now (overloaded or stopping); retry later. */
    UNAVAILABLE(503);

    private final int httpStatus;

    HttpErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    /** The code of a status: exact when listed, else BAD_REQUEST for any other 4xx and INTERNAL otherwise. */
    public static HttpErrorCode forStatus(int status) {
        for (HttpErrorCode code : values()) {
            if (code.httpStatus == status) {
                return code;
            }
        }
        return status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL;
    }
}
