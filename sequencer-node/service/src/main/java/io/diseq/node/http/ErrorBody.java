package io.diseq.node.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON body of every rejected request. */
public record ErrorBody(@JsonProperty("code") String code, @JsonProperty("message") String message) {
}
