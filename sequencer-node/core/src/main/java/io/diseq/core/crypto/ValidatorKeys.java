package io.diseq.core.crypto;

import io.diseq.core.crypto.KeyFileException.Problem;
import io.diseq.core.util.Hex;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * A validator's secret keys: the Ed25519 signing key pair and the separate ECVRF seed, with the
 * codec of the validator key file (docs/protocol.md §3.3). This class only converts between keys and
 * text; reading and writing the file (permissions, location) is the service's job.
 *
 * <p>Key file, UTF-8 (in fact ASCII), exactly five lines, each ended by a single LF:
 * <pre>
 * diseq-validator-key v1
 * signing-seed: &lt;64 lowercase hex&gt;
 * signing-public-key: &lt;64 lowercase hex&gt;
 * vrf-seed: &lt;64 lowercase hex&gt;
 * vrf-public-key: &lt;64 lowercase hex&gt;
 * </pre>
 * The public keys are redundant on purpose: on load each is recomputed from its seed and must match,
 * so a corrupted seed or a file edited by hand is detected instead of silently becoming another key.
 * {@link #toString()} prints only the public identity.
 */
public record ValidatorKeys(Ed25519.KeyPair signing, byte[] vrfSeed, byte[] vrfPublicKey) {
    public static final String HEADER = "diseq-validator-key v1";
    private static final String HEADER_PREFIX = "diseq-validator-key ";
    private static final List<String> FIELDS =
            List.of("signing-seed", "signing-public-key", "vrf-seed", "vrf-public-key");

    /** @throws IllegalArgumentException if the VRF public key does not belong to the VRF seed */
    public ValidatorKeys {
        java.util.Objects.requireNonNull(signing, "signing key pair");
        Ed25519.requireLength(vrfSeed, Ecvrf.SEED_LENGTH, "VRF seed");
        vrfSeed = vrfSeed.clone();
        vrfPublicKey = vrfPublicKey.clone();
        if (!Arrays.equals(vrfPublicKey, Ecvrf.publicKey(vrfSeed))) {
            throw new IllegalArgumentException("VRF public key does not match the VRF seed");
        }
    }

    /** Keys from two seeds; the public keys are derived. */
    public static ValidatorKeys fromSeeds(byte[] signingSeed, byte[] vrfSeed) {
        return new ValidatorKeys(Ed25519.KeyPair.fromSeed(signingSeed), vrfSeed, Ecvrf.publicKey(vrfSeed));
    }

    /** Two fresh, independent seeds from the given source (the core owns no randomness). */
    public static ValidatorKeys generate(SecureRandom random) {
        byte[] signingSeed = Ed25519.generateSeed(random);
        byte[] vrfSeed = Ed25519.generateSeed(random);
        return fromSeeds(signingSeed, vrfSeed);
    }

    public ValidatorIdentity identity() {
        return new ValidatorIdentity(signing.publicKey(), vrfPublicKey);
    }

    /** RFC 9381 proof for alpha under this validator's VRF key. */
    public byte[] proveVrf(byte[] alpha) {
        return Ecvrf.prove(vrfSeed, alpha);
    }

    /** The key file text (contains both secret seeds). */
    public String toKeyFile() {
        return HEADER + "\n"
                + FIELDS.get(0) + ": " + Hex.encode(signing.seed()) + "\n"
                + FIELDS.get(1) + ": " + Hex.encode(signing.publicKey()) + "\n"
                + FIELDS.get(2) + ": " + Hex.encode(vrfSeed) + "\n"
                + FIELDS.get(3) + ": " + Hex.encode(vrfPublicKey) + "\n";
    }

    /**
     * Parses a key file strictly (docs/protocol.md §3.3).
     *
     * @throws KeyFileException on any deviation from the format, a public key that does not match its
     *     seed, or equal signing and VRF seeds; the message names the line but never a secret
     */
    public static ValidatorKeys parseKeyFile(String text) {
        String[] lines = splitLines(text);
        checkHeader(lines[0]);
        byte[][] values = new byte[FIELDS.size()][];
        for (int i = 0; i < FIELDS.size(); i++) {
            values[i] = field(lines[i + 1], i + 2, FIELDS.get(i));
        }
        ValidatorKeys keys = fromSeeds(values[0], values[2]);
        requireMatch(keys.signing.publicKey(), values[1], "signing-public-key", "signing-seed", 3);
        requireMatch(keys.vrfPublicKey, values[3], "vrf-public-key", "vrf-seed", 5);
        if (MessageDigest.isEqual(values[0], values[2])) {
            throw new KeyFileException(Problem.SEEDS_NOT_DISTINCT,
                    "key file: vrf-seed equals signing-seed; the two keys must be independent");
        }
        keys.identity(); // rejects a seed whose public key has small order (never happens for real seeds)
        return keys;
    }

    private static String[] splitLines(String text) {
        if (text == null || text.isEmpty()) {
            throw new KeyFileException(Problem.EMPTY, "key file is empty");
        }
        if (text.indexOf('\r') >= 0) {
            throw new KeyFileException(Problem.LINE_ENDINGS,
                    "key file contains a carriage return; lines must end with LF only");
        }
        if (!text.endsWith("\n")) {
            throw new KeyFileException(Problem.LINE_ENDINGS, "key file must end with a newline (LF)");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length != FIELDS.size() + 1) {
            throw new KeyFileException(Problem.LINE_COUNT, "key file must have exactly "
                    + (FIELDS.size() + 1) + " lines, found " + lines.length);
        }
        return lines;
    }

    private static void checkHeader(String line) {
        if (line.equals(HEADER)) {
            return;
        }
        if (line.startsWith(HEADER_PREFIX)) {
            throw new KeyFileException(Problem.UNSUPPORTED_VERSION, "key file line 1: unsupported version '"
                    + printable(line.substring(HEADER_PREFIX.length())) + "', expected '" + HEADER + "'");
        }
        throw new KeyFileException(Problem.NOT_A_KEY_FILE,
                "key file line 1 must be '" + HEADER + "': this is not a Diseq validator key file");
    }

    private static byte[] field(String line, int lineNumber, String name) {
        String prefix = name + ": ";
        if (!line.startsWith(prefix)) {
            throw new KeyFileException(Problem.FIELD, "key file line " + lineNumber + " must start with '"
                    + prefix + "' (fields in the order " + String.join(", ", FIELDS) + ")");
        }
        return ValidatorIdentity.strictHex(line.substring(prefix.length()),
                "key file line " + lineNumber + ": " + name);
    }

    private static void requireMatch(byte[] derived, byte[] stored, String field, String seedField, int line) {
        if (!Arrays.equals(derived, stored)) {
            throw new KeyFileException(Problem.PUBLIC_KEY_MISMATCH, "key file line " + line + ": " + field
                    + " does not match " + seedField + " (corrupted or edited file)");
        }
    }

    /** A header fragment for an error message, bounded and without control characters. */
    private static String printable(String s) {
        String cut = s.length() > 20 ? s.substring(0, 20) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }

    @Override
    public byte[] vrfSeed() {
        return vrfSeed.clone();
    }

    @Override
    public byte[] vrfPublicKey() {
        return vrfPublicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidatorKeys k && signing.equals(k.signing) && Arrays.equals(vrfSeed, k.vrfSeed);
    }

    @Override
    public int hashCode() {
        return 31 * signing.hashCode() + Arrays.hashCode(vrfPublicKey);
    }

    /** The public identity only: never the seeds. */
    @Override
    public String toString() {
        return "ValidatorKeys[" + identity().format() + "]";
    }
}
