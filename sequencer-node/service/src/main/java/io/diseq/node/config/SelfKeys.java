package io.diseq.node.config;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.crypto.ValidatorKeys;
import io.diseq.core.util.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This validator's secret keys (docs/protocol.md §3, key file format) and its index in the
 * configured validator set. A key file whose public keys are not a configured validator's is a
 * configuration error: the node refuses to start rather than run as a silent observer.
 */
public record SelfKeys(ValidatorKeys keys, int index) {
    public static SelfKeys load(Path keyFile, ChainConfig chain) {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + keyFile, e);
        }
        ValidatorKeys keys = ValidatorKeys.parseKeyFile(text);
        Bytes signing = Bytes.of(keys.signing().publicKey());
        Bytes vrf = Bytes.of(keys.vrfPublicKey());
        for (int i = 0; i < chain.validators().size(); i++) {
            var v = chain.validators().get(i);
            if (v.signingKey().equals(signing) && v.vrfKey().equals(vrf)) {
                return new SelfKeys(keys, i);
            }
        }
        throw new IllegalStateException("key file " + keyFile + " holds keys " + keys.identity()
                + " that are not in the configured validator set of chain " + chain.chainId());
    }

    @Override
    public String toString() {
        return "SelfKeys[index=" + index + ", " + keys + "]";
    }
}
