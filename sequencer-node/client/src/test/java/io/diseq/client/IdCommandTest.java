package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code diseq-client id}: keccak256 ids of messages read as publish reads them. */
@Tag("unit")
class IdCommandTest {
    private static final String HELLO_ID = "1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8";

    private static String run(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheKeccakIdOfEachMessage() throws Exception {
        assertThat(run(InputStream.nullInputStream(), "id", "hello", "")).isEqualTo(HELLO_ID + "\n"
                + "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470\n");
        assertThat(run(new ByteArrayInputStream("hello\r\n\nhello\n".getBytes(StandardCharsets.UTF_8)), "id"))
                .isEqualTo(HELLO_ID + "\n" + HELLO_ID + "\n");
        assertThat(run(new ByteArrayInputStream(MessageReaderTest.binary("hello")), "id", "--binary"))
                .isEqualTo(HELLO_ID + "\n");
    }
}
