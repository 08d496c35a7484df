package io.diseq.devnet;

import java.net.URI;

/** The addresses of one running validator, as printed by the devnet. */
public record ValidatorEndpoints(String id, URI rest, URI admin) {
    public URI status() {
        return rest.resolve("/v1/status");
    }

    /** The block explorer this validator serves (docs/operations.md §Explorer). */
    public URI explorer() {
        return rest.resolve("/explorer/");
    }

    public URI metrics() {
        return admin.resolve("/metrics");
    }

    public URI prometheus() {
        return admin.resolve("/prometheus");
    }

    public URI ping() {
        return admin.resolve("/ping");
    }
}
