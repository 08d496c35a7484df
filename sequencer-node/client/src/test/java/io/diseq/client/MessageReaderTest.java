package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MessageReaderTest {

    private static List<byte[]> readAll(MessageReader reader) throws Exception {
        List<byte[]> out = new ArrayList<>();
        byte[] m;
        while ((m = reader.next()) != null) {
            out.add(m);
        }
        return out;
    }

    @Test
    void linesKeepTheirBytesAndSkipEmptyLines() throws Exception {
        byte[] input = new byte[] {'a', '\r', '\n', '\n', (byte) 0xff, (byte) 0xfe, '\n', '\r', '\n', 'z'};
        LineMessageReader reader = new LineMessageReader(new ByteArrayInputStream(input));
        assertThat(readAll(reader)).containsExactly(new byte[] {'a'}, new byte[] {(byte) 0xff, (byte) 0xfe}, new byte[] {'z'});
        assertThat(reader.bytesRead()).isEqualTo(input.length);
    }

    @Test
    void emptyInputHasNoMessages() throws Exception {
        assertThat(readAll(new LineMessageReader(new ByteArrayInputStream(new byte[0])))).isEmpty();
        assertThat(readAll(new LengthPrefixedMessageReader(new ByteArrayInputStream(new byte[0])))).isEmpty();
    }

    @Test
    void binaryMessagesAreLengthPrefixedBigEndian() throws Exception {
        byte[] input = binary("one", "line\nbreak", "");
        LengthPrefixedMessageReader reader = new LengthPrefixedMessageReader(new ByteArrayInputStream(input));
        assertThat(readAll(reader)).containsExactly(utf8("one"), utf8("line\nbreak"), new byte[0]);
        assertThat(reader.bytesRead()).isEqualTo(input.length);
    }

    @Test
    void truncatedBinaryInputIsAClearError() throws Exception {
        byte[] whole = binary("abcdef");
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 2);
        assertThatThrownBy(() -> readAll(new LengthPrefixedMessageReader(new ByteArrayInputStream(cut))))
                .isInstanceOf(ClientException.class).hasMessageContaining("ends inside message #1");
        assertThatThrownBy(() -> readAll(new LengthPrefixedMessageReader(new ByteArrayInputStream(new byte[] {0, 0}))))
                .isInstanceOf(ClientException.class).hasMessageContaining("length prefix of message #1");
        byte[] huge = {(byte) 0x7f, 0, 0, 0};
        assertThatThrownBy(() -> readAll(new LengthPrefixedMessageReader(new ByteArrayInputStream(huge))))
                .isInstanceOf(ClientException.class).hasMessageContaining("really 4-byte big-endian");
    }

    static byte[] binary(String... messages) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String m : messages) {
            byte[] b = utf8(m);
            out.writeInt(b.length);
            out.write(b);
        }
        return bytes.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
