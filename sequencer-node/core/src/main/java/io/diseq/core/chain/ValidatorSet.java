package io.diseq.core.chain;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.util.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered, fixed validator set (docs/protocol.md §7.1): n members, f = ⌊(n−1)/3⌋ tolerated faults,
 * quorum ⌊2n/3⌋+1. Validators are addressed by their index in this order everywhere on the wire.
 * Open only so that a planted-bug test can override {@link #quorum()} (docs/simulation.md, "Teeth");
 * every other method is final.
 */
public class ValidatorSet {
    private final List<Validator> validators;
    private final Bytes hash;

    public ValidatorSet(List<Validator> validators) {
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("validator set is empty");
        }
        this.validators = List.copyOf(validators);
        requireDistinct(this.validators);
        this.hash = computeHash(this.validators);
    }

    private static void requireDistinct(List<Validator> validators) {
        Set<Object> seen = new HashSet<>();
        for (Validator v : validators) {
            if (!seen.add(v.id()) || !seen.add(v.signingKey()) || !seen.add(v.vrfKey())) {
                throw new IllegalArgumentException("duplicate validator id or key: " + v.id());
            }
        }
    }

    /** keccak256(RLP([[id, signingKey, vrfKey], ...])) with id as UTF-8 bytes (§7.1). */
    private static Bytes computeHash(List<Validator> validators) {
        List<byte[]> items = new ArrayList<>(validators.size());
        for (Validator v : validators) {
            items.add(Rlp.encodeList(
                    Rlp.encodeBytes(v.id().getBytes(StandardCharsets.UTF_8)),
                    Rlp.encodeBytes(v.signingKey().unsafeArray()),
                    Rlp.encodeBytes(v.vrfKey().unsafeArray())));
        }
        return Bytes.wrap(Keccak256.hash(Rlp.encodeList(items)));
    }

    public final int size() {
        return validators.size();
    }

    /** f = ⌊(n−1)/3⌋. */
    public final int maxFaulty() {
        return (validators.size() - 1) / 3;
    }

    /** ⌊2n/3⌋+1 distinct validators. */
    public int quorum() {
        return 2 * validators.size() / 3 + 1;
    }

    /** f+1 distinct validators: at least one of them is honest. */
    public final int oneHonest() {
        return maxFaulty() + 1;
    }

    public final Validator get(int index) {
        return validators.get(index);
    }

    public final boolean contains(int index) {
        return index >= 0 && index < validators.size();
    }

    public final List<Validator> validators() {
        return validators;
    }

    public final Bytes hash() {
        return hash;
    }

    /** The committing validator of (h, r): index (h + r) mod n (§7.6). */
    public final int committerIndex(long height, int round) {
        return (int) Long.remainderUnsigned(height + round, validators.size());
    }

    /** The proposer chosen by a VRF output: beta as an unsigned big-endian integer, mod n (§7.6). */
    public final int proposerIndex(byte[] beta) {
        return new BigInteger(1, beta).mod(BigInteger.valueOf(validators.size())).intValueExact();
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof ValidatorSet s && validators.equals(s.validators);
    }

    @Override
    public final int hashCode() {
        return hash.hashCode();
    }
}
