package io.diseq.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.consensus.Event;
import io.diseq.core.runtime.SyncBlocks;
import io.diseq.core.rlp.RlpException;
import io.diseq.node.store.MessageRow;
import io.diseq.node.store.MessageSourceRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of the catch-up response decoder (docs/protocol.md
 * §30.4), which reads what any peer serves: any body decodes or is refused with an
 * IllegalArgumentException carrying the RlpException code, nothing else; an accepted body is exactly
 * the serving side's encoding of the decoded blocks. Regression inputs:
 * {@code SyncBlocksCodecFuzzTestInputs/decode/}.
 */
@Tag("unit")
class SyncBlocksCodecFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void decode(byte[] body) {
        List<Event.SyncedBlock> blocks;
        try {
            blocks = SyncBlocks.decode(body);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected).hasCauseInstanceOf(RlpException.class);
            return;
        }
        List<byte[]> encoded = new ArrayList<>();
        for (Event.SyncedBlock b : blocks) {
            List<MessageRow> rows = new ArrayList<>();
            List<MessageSourceRow> sources = new ArrayList<>();
            for (SequencedMessage m : b.messages()) {
                rows.add(new MessageRow(m.messageId().toArray(), b.header().height(), m.index(), m.payload().toArray()));
                sources.add(new MessageSourceRow(b.header().height(), m.index(), m.partition(), m.offset()));
            }
            encoded.add(SyncBlocksCodec.encodeBlock(b.header().encode(), b.certificate().encode(), rows, sources));
        }
        assertThat(SyncBlocksCodec.encodeResponse(encoded)).as("canonical").isEqualTo(body);
    }
}
