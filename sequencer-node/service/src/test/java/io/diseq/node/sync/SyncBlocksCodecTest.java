package io.diseq.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.consensus.Event;
import io.diseq.core.runtime.SyncBlocks;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.node.store.MessageRow;
import io.diseq.node.store.MessageSourceRow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SyncBlocksCodecTest {
    private static Bytes fill(int b, int n) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) b);
        return Bytes.wrap(a);
    }

    private static final BlockHeader HEADER = new BlockHeader("c", 3, 0, fill(1, 32), 1000, 2, 3, fill(0xaa, 80),
            List.of(new PartitionRange(0, 4, 6), new PartitionRange(1, 0, 1)), 2, fill(2, 32), fill(3, 32),
            fill(4, 32));
    private static final QuorumCertificate CERT = new QuorumCertificate(3, 0, HEADER.id(),
            List.of(new CommitSignature(0, fill(5, 64)), new CommitSignature(1, fill(6, 64)),
                    new CommitSignature(3, fill(7, 64))));

    @Test
    void roundTripsBlocksWithMessageSources() {
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "b".getBytes(StandardCharsets.UTF_8);
        byte[] block = SyncBlocksCodec.encodeBlock(HEADER.encode(), CERT.encode(),
                List.of(new MessageRow(Keccak256.hash(a), 3, 0, a), new MessageRow(Keccak256.hash(b), 3, 1, b)),
                List.of(new MessageSourceRow(3, 0, 0, 4), new MessageSourceRow(3, 1, 1, 0)));

        List<Event.SyncedBlock> decoded = SyncBlocks.decode(SyncBlocksCodec.encodeResponse(List.of(block)));

        assertThat(decoded).hasSize(1);
        Event.SyncedBlock s = decoded.get(0);
        assertThat(s.header()).isEqualTo(HEADER);
        assertThat(s.certificate()).isEqualTo(CERT);
        assertThat(s.messages()).extracting(m -> m.index() + "@" + m.partition() + ":" + m.offset())
                .containsExactly("0@0:4", "1@1:0");
        assertThat(s.messages().get(1).messageId()).isEqualTo(Bytes.wrap(Keccak256.hash(b)));
        assertThat(SyncBlocks.decode(SyncBlocksCodec.encodeResponse(List.of()))).isEmpty();
    }

    @Test
    void rejectsMalformedBodiesAndInconsistentStoredBlocks() {
        byte[] good = SyncBlocksCodec.encodeResponse(List.of(SyncBlocksCodec.encodeBlock(HEADER.encode(),
                CERT.encode(), List.of(), List.of())));
        for (byte[] bad : List.of(new byte[0], new byte[] {(byte) 0x80}, Arrays.copyOf(good, good.length - 1),
                new byte[] {(byte) 0xc1, (byte) 0xc0})) {
            assertThatThrownBy(() -> SyncBlocks.decode(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] a = {1};
        assertThatThrownBy(() -> SyncBlocksCodec.encodeBlock(HEADER.encode(), CERT.encode(),
                List.of(new MessageRow(Keccak256.hash(a), 3, 0, a)), List.of()))
                .isInstanceOf(IllegalStateException.class);
    }
}
