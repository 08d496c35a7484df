package io.diseq.node.gossip;

import io.diseq.node.http.ApiErrorCode;

/**
 * Stable reject codes of the gossip endpoint: the wire value in the JSON error body, the metric
 * label ({@code gossip.rejected.<CODE>}) and the HTTP status. Append only; never rename.
 */
public enum GossipRejectCode implements ApiErrorCode {
    /** Not a well-formed envelope: bad JSON, missing or ill-typed field, bad hex, unknown type. */
    MALFORMED(400),
    /** The body exceeds the gossip size limit. */
    TOO_LARGE(413),
    /** The envelope names another chain. */
    WRONG_CHAIN(400),
    /** The sender index is not a configured validator (or is this node itself). */
    UNKNOWN_SENDER(403),
    /** The Ed25519 signature does not verify under the sender's configured signing key. */
    BAD_SIGNATURE(403),
    /** The sender's sequence number was already accepted or is too far behind its newest one. */
    REPLAYED(409),
    /** The inbound queue is full; the sender should retry later. */
    OVERLOADED(429);

    private final int httpStatus;

    GossipRejectCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
