package io.diseq.core.chain;

import io.diseq.core.util.Bytes;
import java.util.Objects;

/**
 * One member of the configured validator set (docs/protocol.md §7.1). The gossip URL is carried for
 * the service's convenience and is not part of the validator-set hash.
 */
public record Validator(String id, Bytes signingKey, Bytes vrfKey, String gossipUrl) {
    public Validator {
        Objects.requireNonNull(id, "id");
        if (signingKey.length() != 32 || vrfKey.length() != 32) {
            throw new IllegalArgumentException("validator keys must be 32 bytes: " + id);
        }
        gossipUrl = gossipUrl == null ? "" : gossipUrl;
    }
}
