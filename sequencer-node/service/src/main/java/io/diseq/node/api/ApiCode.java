package io.diseq.node.api;

import io.diseq.node.http.ApiErrorCode;

/**
 * Stable error codes of the public REST API {@code /v1} (documented in
 * schemas/openapi/diseq-node-v1.yaml). The names are a wire contract: add, never rename.
 * Every code caused by the request is a 4xx; only {@link #UNAVAILABLE} (a dependency such as Kafka
 * did not answer) is a 5xx.
 */
public enum ApiCode implements ApiErrorCode {
    /** A height is not a non-negative decimal integer. */
    BAD_HEIGHT(400),
    /** {@code limit} is not an integer in 1..{@link Params#MAX_LIMIT}. */
    BAD_LIMIT(400),
    /** {@code cursor} is not one this API issued, or is combined with {@code from}. */
    BAD_CURSOR(400),
    /** A message id is not 32 bytes of hex. */
    BAD_ID(400),
    /** A hex field has an odd length or a non-hex character. */
    BAD_HEX(400),
    /** The body is not the JSON object the endpoint expects. */
    MALFORMED(400),
    /** A submitted message has no bytes. */
    EMPTY_MESSAGE(400),
    /** A submitted message is larger than {@code blockLimits.maxMessageBytes}. */
    MESSAGE_TOO_LARGE(413),
    /** The body's media type is not one the endpoint accepts. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** No decided block at that height on this node. */
    BLOCK_NOT_FOUND(404),
    /** No message with that id has been sequenced on this node. */
    MESSAGE_NOT_FOUND(404),
    /** HTTP submit is disabled on this node ({@code http.submitEnabled: false}). */
    SUBMIT_DISABLED(403),
    /** A dependency (Kafka) did not accept the request in time; retry later. */
    UNAVAILABLE(503);

    private final int httpStatus;

    ApiCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
