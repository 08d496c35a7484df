package io.diseq.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Header RLP layout (docs/protocol.md §7.3), pinned by an independently encoded golden vector. */
@Tag("unit")
public class BlockHeaderTest {
    static final String GOLDEN = "f8f68a64697365712d746573740702a0" + "11".repeat(32) + "86018bcfe5687b0301b850"
            + "aa".repeat(80) + "c8c3800509c302800104a0" + "22".repeat(32) + "a0" + "33".repeat(32) + "a0" + "44".repeat(32);

    public static BlockHeader sampleHeader() {
        return sample();
    }

    static BlockHeader sample() {
        return new BlockHeader("diseq-test", 7, 2, Bytes.wrap(SignBytesTest.filled(32, 0x11)), 1_700_000_000_123L, 3, 1,
                Bytes.wrap(SignBytesTest.filled(80, 0xaa)),
                List.of(new PartitionRange(0, 5, 9), new PartitionRange(2, 0, 1)), 4,
                Bytes.wrap(SignBytesTest.filled(32, 0x22)), Bytes.wrap(SignBytesTest.filled(32, 0x33)),
                Bytes.wrap(SignBytesTest.filled(32, 0x44)));
    }

    @Test
    void encodesExactlyAsSpecified() {
        assertThat(Hex.encode(sample().encode())).isEqualTo(GOLDEN);
    }

    @Test
    void idIsKeccakOfTheEncoding() {
        assertThat(sample().id()).isEqualTo(Bytes.wrap(Keccak256.hash(Hex.decode(GOLDEN))));
    }

    @Test
    void decodesItsEncoding() {
        assertThat(BlockHeader.decode(Hex.decode(GOLDEN))).isEqualTo(sample());
    }

    @Test
    void rejectsWrongArityAndUnsortedRanges() {
        assertThatThrownBy(() -> BlockHeader.decode(Rlp.encodeList(Rlp.encodeLong(1)))).isInstanceOf(RlpException.class);
        BlockHeader s = sample();
        assertThatThrownBy(() -> new BlockHeader(s.chainId(), 7, 2, s.parentHash(), 1, 3, 1, s.commitmentPi(),
                List.of(new PartitionRange(2, 0, 1), new PartitionRange(0, 5, 9)), 4, s.messagesRoot(), s.stateRoot(),
                s.validatorSetHash())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionRange(0, 5, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonUtf8ChainIdsOutOfRangeFieldsAndEmptyRangesWithStableCodes() {
        List<byte[]> fields = new ArrayList<>();
        for (RlpItem item : Rlp.decode(Hex.decode(GOLDEN)).asList().items()) {
            fields.add(item.encoded());
        }
        assertThat(code(fields, 0, Rlp.encodeBytes(new byte[] {(byte) 0xc3, 0x28}))).isEqualTo(RlpException.Code.INVALID_UTF8);
        assertThat(code(fields, 2, Rlp.encodeLong(1L << 31))).isEqualTo(RlpException.Code.INTEGER_TOO_LARGE);
        assertThat(code(fields, 3, Rlp.encodeBytes(new byte[31]))).isEqualTo(RlpException.Code.WRONG_LENGTH);
        assertThat(code(fields, 8, Rlp.encodeList(Rlp.encodeList(Rlp.encodeLong(0), Rlp.encodeLong(5), Rlp.encodeLong(5)))))
                .isEqualTo(RlpException.Code.INVALID_VALUE);
    }

    private static RlpException.Code code(List<byte[]> fields, int index, byte[] replacement) {
        List<byte[]> edited = new ArrayList<>(fields);
        edited.set(index, replacement);
        try {
            BlockHeader.decode(Rlp.encodeList(edited));
        } catch (RlpException e) {
            return e.code();
        }
        throw new AssertionError("accepted");
    }
}
