package io.diseq.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class DevnetSettingsTest {
    @TempDir
    Path dir;

    @Test
    void savedSettingsReadBackEqual() {
        DevnetSettings settings = new DevnetSettings("mychain", 7, 19092, 18080, 15433);
        assertThat(DevnetSettings.load(dir)).isEmpty();

        settings.save(dir);

        assertThat(DevnetSettings.load(dir)).contains(settings);
    }

    @Test
    void listsEveryPortWithWhatUsesIt() {
        DevnetSettings settings = new DevnetSettings("devnet", 4, 19092, 18080, 15433);

        assertThat(settings.ports().ports()).hasSize(3 + 2 + 3 * 4)
                .containsEntry(19093, "Kafka controller, --kafka-port + 1")
                .containsEntry(18080, "ingest HTTP, --base-port")
                .containsEntry(18090, "v0 REST")
                .containsEntry(18092, "v0 gossip")
                .containsEntry(18121, "v3 admin");
    }

    @Test
    void portsThatOverlapAreRejected() {
        assertThatThrownBy(() -> new DevnetSettings("devnet", 4, 18090, 18080, 15433).ports())
                .hasMessageContaining("configured twice");
    }

    @Test
    void aListeningPortIsTaken() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            assertThat(new PortCheck().require(socket.getLocalPort(), "test").taken())
                    .containsExactly(socket.getLocalPort() + " (test)");
        }
    }

    @Test
    void wipeDeletesADevnetDirectoryAndRefusesAnyOtherNonEmptyOne() throws IOException {
        Path devnet = Files.createDirectories(dir.resolve("devnet/network/keys"));
        new DevnetSettings("devnet", 4, 19092, 18080, 15433).save(dir.resolve("devnet"));
        Files.writeString(devnet.resolve("v0.key"), "x");
        Devnet.wipe(dir.resolve("devnet"));
        assertThat(dir.resolve("devnet")).doesNotExist();

        Path other = Files.createDirectories(dir.resolve("home"));
        Files.writeString(other.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> Devnet.wipe(other)).hasMessageContaining("not a devnet data directory");
        assertThat(other.resolve("notes.txt")).exists();
    }
}
