package io.diseq.node.config;

import io.diseq.core.util.Bytes;
import java.net.URI;
import java.util.Objects;

/** Immutable view of one configured validator; {@code index} is its position in the ordered set. */
public record ValidatorInfo(int index, String id, Bytes signingPublicKey, Bytes vrfPublicKey, URI gossipUrl) {
    public ValidatorInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(gossipUrl, "gossipUrl");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
        if (signingPublicKey.length() != 32 || vrfPublicKey.length() != 32) {
            throw new IllegalArgumentException("public keys must be 32 bytes");
        }
    }
}
