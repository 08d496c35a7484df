package io.diseq.node.sync;

import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.runtime.SyncBlocks;
import io.diseq.core.util.Bytes;
import io.diseq.node.store.MessageRow;
import io.diseq.node.store.MessageSourceRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The serving side of {@code GET /internal/blocks} (docs/protocol.md §30.4): stored rows to the core's
 * {@link SyncBlocks} encoding. Decoding is the core's ({@link SyncBlocks#decode}), inside the node runtime.
 */
public final class SyncBlocksCodec {
    private SyncBlocksCodec() {
    }

    /** One stored block as the serving side encodes it. */
    public static byte[] encodeBlock(byte[] headerRlp, byte[] certificate, List<MessageRow> messages,
                                     List<MessageSourceRow> sources) {
        if (messages.size() != sources.size()) {
            throw new IllegalStateException("block has " + messages.size() + " messages but " + sources.size()
                    + " recorded sources");
        }
        List<SequencedMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            MessageRow m = messages.get(i);
            MessageSourceRow s = sources.get(i);
            if (m.idx() != i || s.idx() != i) {
                throw new IllegalStateException("message indices of block " + m.height() + " are not 0..k-1");
            }
            out.add(new SequencedMessage(i, s.partition(), s.kafkaOffset(), Bytes.wrap(m.id()), Bytes.wrap(m.body())));
        }
        return SyncBlocks.encodeBlock(headerRlp, certificate, out);
    }

    public static byte[] encodeResponse(List<byte[]> encodedBlocks) {
        return SyncBlocks.encodeResponse(encodedBlocks);
    }
}
