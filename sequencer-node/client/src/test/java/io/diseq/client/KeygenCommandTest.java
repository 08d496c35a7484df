package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.crypto.ValidatorIdentity;
import io.diseq.core.crypto.ValidatorKeys;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class KeygenCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keygenWritesAnOwnerOnlyKeyFileAndPrintsItsIdentity() throws Exception {
        Path key = dir.resolve("validator.key");
        Run run = cli("keygen", "--out", key.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        ValidatorKeys keys = ValidatorKeys.parseKeyFile(Files.readString(key, StandardCharsets.US_ASCII));
        String line = run.out().strip();
        assertThat(ValidatorIdentity.parse(line)).isEqualTo(keys.identity());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(key);
        }
        Run identity = cli("identity", key.toString());
        assertThat(identity.exit()).isZero();
        assertThat(identity.out().strip()).isEqualTo(line);
    }

    @Test
    void keygenNeverOverwritesWithoutForce() throws Exception {
        Path key = dir.resolve("validator.key");
        String first = cli("keygen", "-o", key.toString()).out();
        Run again = cli("keygen", "-o", key.toString());
        assertThat(again.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(again.err()).contains("already exists").contains("--force").doesNotContain("\tat ");
        assertThat(cli("identity", key.toString()).out()).isEqualTo(first);
        Run forced = cli("keygen", "-o", key.toString(), "--force");
        assertThat(forced.exit()).isZero();
        assertThat(forced.out()).isNotEqualTo(first);
    }

    @Test
    void aCorruptKeyFileIsOneClearLine() throws Exception {
        Path key = dir.resolve("bad.key");
        Files.writeString(key, "not a key\n");
        Run run = cli("identity", key.toString());
        assertThat(run.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(run.err()).startsWith("error: " + key + ": ").contains("exactly 5 lines")
                .doesNotContain("\tat ");
        assertThat(cli("identity", dir.resolve("missing.key").toString()).err()).contains("file not found");
    }
}
