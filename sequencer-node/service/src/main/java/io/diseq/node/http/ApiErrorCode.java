package io.diseq.node.http;

/** A stable error code (its {@link #name()} is the wire value and the metric label) and its HTTP status. */
public interface ApiErrorCode {
    String name();

    int httpStatus();
}
