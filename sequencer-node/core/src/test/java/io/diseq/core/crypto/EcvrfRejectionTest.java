package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.core.Vectors;
import io.diseq.core.util.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 9381 verification rejects every malformed or foreign proof and key, and never throws. */
@Tag("unit")
class EcvrfRejectionTest {
    private static final JsonNode EX16 = Vectors.get("ecvrf_edwards25519_sha512_tai", "vectors").get(0);
    private static final byte[] PK = Hex.decode(EX16.get("PK").asText());
    private static final byte[] PI = Hex.decode(EX16.get("pi").asText());
    private static final byte[] ALPHA = Hex.decode(EX16.get("alpha").asText());

    /** The eight points of order dividing 8, as canonical encodings (checked below). */
    static final List<String> SMALL_ORDER_POINTS = List.of(
            "0100000000000000000000000000000000000000000000000000000000000000", // identity
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // (0, −1), order 2
            "0000000000000000000000000000000000000000000000000000000000000000", // (±√−1, 0), order 4
            "0000000000000000000000000000000000000000000000000000000000000080",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa");

    private static void assertRejected(byte[] pk, byte[] pi, byte[] alpha) {
        assertThat(Ecvrf.verify(pk, pi, alpha)).isEmpty();
    }

    private static byte[] withGamma(byte[] gamma) {
        byte[] pi = PI.clone();
        System.arraycopy(gamma, 0, pi, 0, 32);
        return pi;
    }

    @Test
    void theUnmodifiedProofVerifies() {
        assertThat(Ecvrf.verify(PK, PI, ALPHA)).isPresent();
    }

    @Test
    void proofUnderAnotherPublicKeyIsRejected() {
        byte[] other = Hex.decode(Vectors.get("ecvrf_edwards25519_sha512_tai", "vectors").get(1).get("PK").asText());
        assertRejected(other, PI, ALPHA);
    }

    @Test
    void modifiedAlphaIsRejected() {
        assertRejected(PK, PI, new byte[] {0});
        assertRejected(PK, PI, new byte[] {0x72});
    }

    @Test
    void wrongLengthsAndAllZeroProofsAreRejected() {
        assertRejected(PK, Arrays.copyOf(PI, 79), ALPHA);
        assertRejected(PK, Arrays.copyOf(PI, 81), ALPHA);
        assertRejected(PK, new byte[0], ALPHA);
        assertRejected(PK, new byte[80], ALPHA);
        assertRejected(Arrays.copyOf(PK, 31), PI, ALPHA);
        assertRejected(Arrays.copyOf(PK, 33), PI, ALPHA);
        assertRejected(null, PI, ALPHA);
        assertRejected(PK, null, ALPHA);
        assertRejected(PK, PI, null);
        for (byte[] bad : List.of(Arrays.copyOf(PI, 79), Arrays.copyOf(PI, 81), new byte[80])) {
            assertThatThrownBy(() -> Ecvrf.proofToHash(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everyFlippedBitOfTheProofIsRejected() {
        for (int bit = 0; bit < 8 * Ecvrf.PROOF_LENGTH; bit++) {
            byte[] pi = PI.clone();
            pi[bit >>> 3] ^= (byte) (1 << (bit & 7));
            assertRejected(PK, pi, ALPHA);
        }
    }

    @Test
    void gammaNotOnTheCurveIsRejected() {
        byte[] gamma = firstEncodingOffTheCurve();
        assertThat(EdPoint.decode(gamma)).isNull();
        assertRejected(PK, withGamma(gamma), ALPHA);
        assertThatThrownBy(() -> Ecvrf.proofToHash(withGamma(gamma))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonCanonicalGammaIsRejected() {
        byte[] gamma = nonCanonicalEncodingOfAValidPoint();
        assertRejected(PK, withGamma(gamma), ALPHA);
    }

    @ParameterizedTest
    @MethodSource("smallOrderPoints")
    void smallOrderGammaIsRejected(String encoding) {
        byte[] gamma = Hex.decode(encoding);
        assertRejected(PK, withGamma(gamma), ALPHA);
        assertThatThrownBy(() -> Ecvrf.proofToHash(withGamma(gamma))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("smallOrderPoints")
    void smallOrderPublicKeyIsRejected(String encoding) {
        byte[] pk = Hex.decode(encoding);
        EdPoint point = EdPoint.decode(pk);
        assertThat(point).as("decodes").isNotNull();
        assertThat(point.hasSmallOrderVar()).isTrue();
        assertThat(point.encode()).as("canonical").isEqualTo(pk);
        assertRejected(pk, PI, ALPHA);
    }

    @Test
    void theSmallOrderListHasEightDistinctPoints() {
        assertThat(SMALL_ORDER_POINTS).doesNotHaveDuplicates().hasSize(8);
    }

    @Test
    void invalidPublicKeyEncodingsAreRejected() {
        assertRejected(firstEncodingOffTheCurve(), PI, ALPHA);
        assertRejected(nonCanonicalEncodingOfAValidPoint(), PI, ALPHA);
        byte[] xZeroSignOne = Hex.decode("0100000000000000000000000000000000000000000000000000000000000080");
        assertThat(EdPoint.decode(xZeroSignOne)).isNull();
        assertRejected(xZeroSignOne, PI, ALPHA);
        byte[] pkWithFlippedSign = PK.clone();
        pkWithFlippedSign[31] ^= (byte) 0x80; // a valid point (−Y), but not this key
        assertRejected(pkWithFlippedSign, PI, ALPHA);
    }

    @Test
    void sAtOrAboveTheGroupOrderIsRejected() {
        BigInteger s = Scalar25519.fromLittleEndian(PI, 48, 32);
        for (BigInteger bad : List.of(s.add(Scalar25519.Q), Scalar25519.Q,
                BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))) {
            byte[] pi = PI.clone();
            System.arraycopy(Scalar25519.toLittleEndian(bad, 32), 0, pi, 48, 32);
            assertRejected(PK, pi, ALPHA);
            assertThatThrownBy(() -> Ecvrf.proofToHash(pi)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    static Stream<Arguments> draftProofs() {
        List<Arguments> out = new ArrayList<>();
        JsonNode other = Vectors.get("ecvrf_edwards25519_sha512_tai", "other_versions_and_suites");
        for (String group : List.of("draft_07_to_10", "draft_03_to_06",
                "rfc9381_B4_ELL2_suite_04_DO_NOT_CONFUSE", "draft_03_elligator2_suite_04_DO_NOT_CONFUSE")) {
            int i = 0;
            for (JsonNode v : other.get(group).get("vectors")) {
                out.add(Arguments.of(group + " #" + (i++), v));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("draftProofs")
    void preRfcDraftAndElligatorSuiteProofsAreRejected(String name, JsonNode v) {
        byte[] sk = Hex.decode(v.get("SK").asText());
        byte[] pk = Ecvrf.publicKey(sk);
        if (v.has("PK")) {
            assertThat(pk).isEqualTo(Hex.decode(v.get("PK").asText()));
        }
        byte[] alpha = Hex.decode(v.get("alpha").asText());
        byte[] draftPi = Hex.decode(v.get("pi").asText());
        assertRejected(pk, draftPi, alpha);
        assertThat(Ecvrf.prove(sk, alpha)).isNotEqualTo(draftPi);
        assertThat(Ecvrf.verify(pk, Ecvrf.prove(sk, alpha), alpha)).isPresent();
    }

    @Test
    void allForeignProofGroupsAreExercised() {
        assertThat(draftProofs()).hasSize(3 + 3 + 3 + 1);
    }

    @Test
    void randomGarbageNeverThrows() {
        SplittableRandom random = new SplittableRandom(9381);
        for (int i = 0; i < 200; i++) {
            byte[] pk = bytes(random, random.nextInt(30, 35));
            byte[] pi = bytes(random, random.nextInt(76, 84));
            byte[] alpha = bytes(random, random.nextInt(0, 5));
            assertThat(Ecvrf.verify(pk, pi, alpha)).isEmpty();
            assertThat(Ecvrf.verify(PK, pi, ALPHA)).isEmpty();
        }
    }

    static Stream<String> smallOrderPoints() {
        return SMALL_ORDER_POINTS.stream();
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The first y = 2, 3, … for which (y² − 1)/(d·y² + 1) is not a square mod p (Euler's criterion). */
    static byte[] firstEncodingOffTheCurve() {
        BigInteger p = EdPoint.P;
        BigInteger d = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(p)).mod(p);
        for (int y = 2; ; y++) {
            BigInteger yy = BigInteger.valueOf((long) y * y);
            BigInteger u = yy.subtract(BigInteger.ONE);
            BigInteger v = d.multiply(yy).add(BigInteger.ONE).mod(p);
            BigInteger ratio = u.multiply(v.modInverse(p)).mod(p);
            if (ratio.modPow(p.subtract(BigInteger.ONE).shiftRight(1), p).equals(p.subtract(BigInteger.ONE))) {
                return Scalar25519.toLittleEndian(BigInteger.valueOf(y), 32);
            }
        }
    }

    /** y + p for the smallest valid y < 19, so the 255-bit encoding is of a real point but y ≥ p. */
    static byte[] nonCanonicalEncodingOfAValidPoint() {
        for (int y = 2; y < 19; y++) {
            byte[] canonical = Scalar25519.toLittleEndian(BigInteger.valueOf(y), 32);
            if (EdPoint.decode(canonical) != null) {
                byte[] nonCanonical = Scalar25519.toLittleEndian(EdPoint.P.add(BigInteger.valueOf(y)), 32);
                assertThat(EdPoint.decode(nonCanonical)).isNull();
                return nonCanonical;
            }
        }
        throw new AssertionError("no valid y below 19");
    }
}
