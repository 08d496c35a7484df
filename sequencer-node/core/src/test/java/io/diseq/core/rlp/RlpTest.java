package io.diseq.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.core.Vectors;
import io.diseq.core.rlp.RlpException.Code;
import io.diseq.core.util.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class RlpTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String s) {
        return Hex.decode(s);
    }

    private static void assertRoundTrip(byte[] encoded) {
        assertThat(Rlp.decode(encoded).encoded()).isEqualTo(encoded);
    }

    @Test
    void encodesTheEthereumWikiExamples() {
        assertThat(Rlp.encodeBytes(ascii("dog"))).isEqualTo(hex("83646f67"));
        assertThat(Rlp.encodeList(Rlp.encodeBytes(ascii("cat")), Rlp.encodeBytes(ascii("dog"))))
                .isEqualTo(hex("c88363617483646f67"));
        assertThat(Rlp.encodeBytes(new byte[0])).isEqualTo(hex("80"));
        assertThat(Rlp.encodeList()).isEqualTo(hex("c0"));
        assertThat(Rlp.encodeLong(0)).isEqualTo(hex("80"));
        assertThat(Rlp.encodeBytes(new byte[] {0})).isEqualTo(hex("00"));
        assertThat(Rlp.encodeLong(15)).isEqualTo(hex("0f"));
        assertThat(Rlp.encodeLong(1024)).isEqualTo(hex("820400"));
        assertThat(Rlp.encodeBigInteger(BigInteger.valueOf(1024))).isEqualTo(hex("820400"));
        assertThat(Rlp.encodeBigInteger(BigInteger.ZERO)).isEqualTo(hex("80"));
    }

    @Test
    void encodesTheSetTheoreticRepresentationOfThree() {
        byte[] empty = Rlp.encodeList();
        byte[] one = Rlp.encodeList(empty);
        byte[] three = Rlp.encodeList(empty, one, Rlp.encodeList(empty, one));
        assertThat(three).isEqualTo(hex("c7c0c1c0c3c0c1c0"));
        RlpList decoded = Rlp.decode(three).asList().expectSize(3);
        assertThat(decoded.get(2).asList().get(1).asList().get(0).asList().size()).isZero();
        assertRoundTrip(three);
    }

    @Test
    void encodesTheLoremIpsumLongString() {
        byte[] lorem = ascii("Lorem ipsum dolor sit amet, consectetur adipisicing elit");
        assertThat(lorem).hasSize(56);
        byte[] encoded = Rlp.encodeBytes(lorem);
        assertThat(encoded[0] & 0xff).isEqualTo(0xb8);
        assertThat(encoded[1] & 0xff).isEqualTo(56);
        assertThat(((RlpString) Rlp.decode(encoded)).bytes()).isEqualTo(lorem);
    }

    @Test
    void switchesToTheLongFormExactlyAt56Bytes() {
        assertThat(Rlp.encodeBytes(new byte[55])[0] & 0xff).isEqualTo(0xb7);
        assertThat(Rlp.encodeBytes(new byte[55])).hasSize(56);
        assertThat(Rlp.encodeBytes(new byte[56])).startsWith(0xb8, 56).hasSize(58);
        byte[] item = Rlp.encodeBytes(new byte[53]); // 54 bytes; with one more 0x80 the payload is 55
        assertThat(Rlp.encodeList(item, hex("80"))[0] & 0xff).isEqualTo(0xf7);
        assertThat(Rlp.encodeList(item, hex("8180"))).startsWith(0xf8, 56);
        assertThat(Rlp.encodeBytes(new byte[1024])).startsWith(0xb9, 0x04, 0x00);
        assertRoundTrip(Rlp.encodeBytes(new byte[55]));
        assertRoundTrip(Rlp.encodeBytes(new byte[56]));
        assertRoundTrip(Rlp.encodeList(item, hex("8180")));
    }

    @Test
    void encodesTheTransactionIndexKeysOfTheSanityVectors() {
        JsonNode keys = Vectors.get("sanity", "rlp_of_tx_index_keys");
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); count++) {
            Map.Entry<String, JsonNode> e = it.next();
            long index = Long.parseLong(e.getKey());
            byte[] expected = hex(e.getValue().asText());
            assertThat(Rlp.encodeLong(index)).as("RLP(%d)", index).isEqualTo(expected);
            assertThat(Rlp.decode(expected).asString().asLong()).isEqualTo(index);
        }
        assertThat(count).isEqualTo(10);
    }

    @Test
    void encodesLongBoundaries() {
        assertThat(Rlp.encodeLong(127)).isEqualTo(hex("7f"));
        assertThat(Rlp.encodeLong(128)).isEqualTo(hex("8180"));
        assertThat(Rlp.encodeLong(Long.MAX_VALUE)).isEqualTo(hex("887fffffffffffffff"));
        assertThat(Rlp.decode(hex("887fffffffffffffff")).asString().asLong()).isEqualTo(Long.MAX_VALUE);
        assertThatIllegalArgumentException().isThrownBy(() -> Rlp.encodeLong(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> Rlp.encodeBigInteger(BigInteger.ONE.negate()));
        BigInteger big = BigInteger.TWO.pow(200).add(BigInteger.ONE);
        assertThat(Rlp.decode(Rlp.encodeBigInteger(big)).asString().asBigInteger()).isEqualTo(big);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'', EMPTY_INPUT",
        "83646f, TRUNCATED",
        "b8, TRUNCATED",
        "b9ff, TRUNCATED",
        "c883636174, TRUNCATED",
        "c3836361746f, TRUNCATED",
        "c2836361, TRUNCATED",
        "8000, TRAILING_BYTES",
        "c0c0, TRAILING_BYTES",
        "b800, NON_CANONICAL_LENGTH",
        "b837000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000, NON_CANONICAL_LENGTH",
        "b90038, NON_CANONICAL_LENGTH",
        "f800, NON_CANONICAL_LENGTH",
        "f80100, NON_CANONICAL_LENGTH",
        "f90038, NON_CANONICAL_LENGTH",
        "8100, NON_CANONICAL_SINGLE_BYTE",
        "817f, NON_CANONICAL_SINGLE_BYTE",
        "c28100, NON_CANONICAL_SINGLE_BYTE",
        "bfffffffffffffffff, LENGTH_TOO_LARGE",
        "bb7fffffff00, TRUNCATED",
        "ff0100000000000000, LENGTH_TOO_LARGE",
    })
    void rejectsMalformedEncodings(String input, Code code) {
        assertThatThrownBy(() -> Rlp.decode(hex(input)))
                .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void rejectsNestingDeeperThanTheBound() {
        byte[] ok = hex("c0");
        for (int i = 1; i < Rlp.MAX_DEPTH; i++) {
            ok = Rlp.encodeList(ok);
        }
        assertRoundTrip(ok);
        byte[] tooDeep = Rlp.encodeList(ok);
        assertThatThrownBy(() -> Rlp.decode(tooDeep))
                .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.code()).isEqualTo(Code.TOO_DEEP));
    }

    @Test
    void rejectsNonCanonicalIntegers() {
        assertCode(() -> Rlp.decode(hex("00")).asString().asLong(), Code.LEADING_ZERO_INTEGER);
        assertCode(() -> Rlp.decode(hex("820001")).asString().asLong(), Code.LEADING_ZERO_INTEGER);
        assertCode(() -> Rlp.decode(hex("820001")).asString().asBigInteger(), Code.LEADING_ZERO_INTEGER);
        assertCode(() -> Rlp.decode(hex("888000000000000000")).asString().asLong(), Code.INTEGER_TOO_LARGE);
        assertCode(() -> Rlp.decode(hex("89010000000000000000")).asString().asLong(), Code.INTEGER_TOO_LARGE);
        assertThat(Rlp.decode(hex("80")).asString().asLong()).isZero();
        assertThat(Rlp.decode(hex("80")).asString().asBigInteger()).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void typedAccessorsRejectTheWrongShape() {
        assertCode(() -> Rlp.decode(hex("c0")).asString(), Code.EXPECTED_STRING);
        assertCode(() -> Rlp.decode(hex("80")).asList(), Code.EXPECTED_LIST);
        assertCode(() -> Rlp.decode(hex("c180")).asList().expectSize(2), Code.WRONG_ARITY);
        assertCode(() -> Rlp.decode(hex("83646f67")).asString().asBytes32(), Code.WRONG_LENGTH);
        byte[] hash = new byte[32];
        hash[0] = 1;
        assertThat(Rlp.decode(Rlp.encodeBytes(hash)).asString().asBytes32().toArray()).isEqualTo(hash);
    }

    @Test
    void stringsAreImmutableValues() {
        byte[] raw = ascii("dog");
        RlpString s = new RlpString(raw);
        raw[0] = 'x';
        s.bytes()[1] = 'x';
        assertThat(s).isEqualTo(new RlpString(ascii("dog")));
        assertThat(new RlpList(List.of(s)).encoded()).isEqualTo(hex("c483646f67"));
    }

    @Test
    void decodedStringsOwnTheirBytes() {
        byte[] encoded = hex("c583646f6701");
        RlpList list = Rlp.decode(encoded).asList();
        encoded[2] = 'x';
        list.get(0).asString().bytes()[1] = 'x';
        list.get(1).asString().bytes()[0] = 9;
        assertThat(list.get(0)).isEqualTo(new RlpString(ascii("dog")));
        assertThat(list.get(1).asString().asLong()).isEqualTo(1);
        assertThat(list.encoded()).isEqualTo(hex("c583646f6701"));
    }

    private static void assertCode(Runnable r, Code code) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void indexingPastTheEndOfAListIsWrongArityNotAnIndexError() {
        RlpList empty = Rlp.decode(new byte[] {(byte) 0xc0}).asList();
        assertThatThrownBy(() -> empty.get(0)).isInstanceOfSatisfying(RlpException.class,
                e -> assertThat(e.code()).isEqualTo(Code.WRONG_ARITY));
        assertThatThrownBy(() -> empty.get(-1)).isInstanceOf(RlpException.class);
    }

    @Test
    void hexAcceptsOnlyAsciiDigits() {
        assertThat(Hex.decode("0xAbcd")).containsExactly(0xab, 0xcd);
        assertThatIllegalArgumentException().isThrownBy(() -> Hex.decode("\u0663\u0663")); // Arabic-Indic three
        assertThatIllegalArgumentException().isThrownBy(() -> Hex.decode("\uff10\uff10")); // fullwidth zero
    }
}
