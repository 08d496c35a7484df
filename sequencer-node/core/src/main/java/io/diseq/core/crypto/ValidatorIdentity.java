package io.diseq.core.crypto;

import io.diseq.core.crypto.KeyFileException.Problem;
import io.diseq.core.util.Hex;
import java.util.Arrays;

/**
 * A validator's two public keys: Ed25519 (signing) and ECVRF (leader selection), docs/protocol.md §3.4.
 * Both must be canonical encodings of edwards25519 points outside the small-order subgroup.
 *
 * <p>The one-line text form printed by {@code keygen} and pasted into the validator-set config is
 * {@code diseq-validator-v1 <signing-public-key hex> <vrf-public-key hex>}: the tag, one space,
 * 64 lowercase hex digits, one space, 64 lowercase hex digits, nothing else.
 */
public record ValidatorIdentity(byte[] signingPublicKey, byte[] vrfPublicKey) {
    public static final String TAG = "diseq-validator-v1";

    /** @throws KeyFileException (INVALID_PUBLIC_KEY) if either key is not a valid, large-order point */
    public ValidatorIdentity {
        signingPublicKey = requireValidKey(signingPublicKey, "signing public key");
        vrfPublicKey = requireValidKey(vrfPublicKey, "VRF public key");
    }

    /** Parses the one-line form exactly (no surrounding whitespace, lowercase hex). */
    public static ValidatorIdentity parse(String line) {
        if (line == null || line.isEmpty()) {
            throw new KeyFileException(Problem.EMPTY, "validator identity is empty");
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !parts[0].equals(TAG)) {
            throw new KeyFileException(Problem.NOT_AN_IDENTITY, "validator identity must be '" + TAG
                    + " <signing-public-key hex> <vrf-public-key hex>' separated by single spaces");
        }
        return new ValidatorIdentity(
                strictHex(parts[1], "signing public key in validator identity"),
                strictHex(parts[2], "VRF public key in validator identity"));
    }

    /** The one-line text form. */
    public String format() {
        return TAG + " " + Hex.encode(signingPublicKey) + " " + Hex.encode(vrfPublicKey);
    }

    @Override
    public byte[] signingPublicKey() {
        return signingPublicKey.clone();
    }

    @Override
    public byte[] vrfPublicKey() {
        return vrfPublicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidatorIdentity v && Arrays.equals(signingPublicKey, v.signingPublicKey)
                && Arrays.equals(vrfPublicKey, v.vrfPublicKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(signingPublicKey) + Arrays.hashCode(vrfPublicKey);
    }

    @Override
    public String toString() {
        return format();
    }

    /**
     * Exactly 64 lowercase hex digits, decoded. The message names the field but never echoes the
     * value (the same check guards secret seeds in key files).
     */
    static byte[] strictHex(String value, String what) {
        if (value.length() != 64) {
            throw new KeyFileException(Problem.HEX, what + " must be 64 lowercase hex digits, found "
                    + value.length() + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (!(ch >= '0' && ch <= '9') && !(ch >= 'a' && ch <= 'f')) {
                throw new KeyFileException(Problem.HEX, what + " must be 64 lowercase hex digits;"
                        + " character " + (i + 1) + " is not one");
            }
        }
        return Hex.decode(value);
    }

    private static byte[] requireValidKey(byte[] key, String what) {
        if (key == null || key.length != 32) {
            throw new KeyFileException(Problem.INVALID_PUBLIC_KEY, what + " must be 32 bytes");
        }
        EdPoint point = EdPoint.decode(key);
        if (point == null || point.hasSmallOrderVar()) {
            throw new KeyFileException(Problem.INVALID_PUBLIC_KEY, what + " " + Hex.encode(key)
                    + " is not a valid edwards25519 point of large order");
        }
        return key.clone();
    }
}
