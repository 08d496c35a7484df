package io.diseq.node.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Immutable chain parameters handed to the core and the adapters (docs/protocol.md §7): chain id,
 * the ordered validator set and the genesis time. Quorum arithmetic follows the design:
 * f = ⌊(n−1)/3⌋, q = ⌊2n/3⌋+1.
 */
public record ChainSettings(String chainId, List<ValidatorInfo> validators, long genesisTimeMs) {
    public ChainSettings {
        Objects.requireNonNull(chainId, "chainId");
        validators = List.copyOf(validators);
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("validator set is empty");
        }
        requireDistinct(validators);
    }

    private static void requireDistinct(List<ValidatorInfo> validators) {
        var ids = new HashSet<String>();
        var keys = new HashSet<Object>();
        for (int i = 0; i < validators.size(); i++) {
            ValidatorInfo v = validators.get(i);
            if (v.index() != i) {
                throw new IllegalArgumentException("validator " + v.id() + " has index " + v.index() + ", expected " + i);
            }
            if (!ids.add(v.id()) || !keys.add(v.signingPublicKey()) || !keys.add(v.vrfPublicKey())) {
                throw new IllegalArgumentException("duplicate validator id or key: " + v.id());
            }
        }
    }

    public int size() {
        return validators.size();
    }

    public int maxFaulty() {
        return (size() - 1) / 3;
    }

    public int quorum() {
        return 2 * size() / 3 + 1;
    }
}
