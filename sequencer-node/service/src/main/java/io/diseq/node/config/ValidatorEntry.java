package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.core.chain.Validator;
import io.diseq.core.util.Bytes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;

/**
 * One entry of the configured, ordered validator set (docs/protocol.md §7): the position in the
 * list is the validator index used by leader selection and certificates.
 */
public class ValidatorEntry {
    private static final String KEY_HEX = "^(0x)?[0-9a-fA-F]{64}$";

    @NotBlank
    @Pattern(regexp = "^[A-Za-z0-9._-]{1,64}$")
    private String id;

    @NotNull
    @Pattern(regexp = KEY_HEX, message = "must be a 32-byte Ed25519 public key in hex")
    private String signingPublicKey;

    @NotNull
    @Pattern(regexp = KEY_HEX, message = "must be a 32-byte ECVRF public key in hex")
    private String vrfPublicKey;

    @NotNull
    private URI gossipUrl;

    @JsonProperty
    public String getId() {
        return id;
    }

    @JsonProperty
    public void setId(String id) {
        this.id = id;
    }

    @JsonProperty
    public String getSigningPublicKey() {
        return signingPublicKey;
    }

    @JsonProperty
    public void setSigningPublicKey(String signingPublicKey) {
        this.signingPublicKey = signingPublicKey;
    }

    @JsonProperty
    public String getVrfPublicKey() {
        return vrfPublicKey;
    }

    @JsonProperty
    public void setVrfPublicKey(String vrfPublicKey) {
        this.vrfPublicKey = vrfPublicKey;
    }

    @JsonProperty
    public URI getGossipUrl() {
        return gossipUrl;
    }

    @JsonProperty
    public void setGossipUrl(URI gossipUrl) {
        this.gossipUrl = gossipUrl;
    }

    Validator toValidator() {
        return new Validator(id, Bytes.fromHex(signingPublicKey), Bytes.fromHex(vrfPublicKey), gossipUrl.toString());
    }
}
