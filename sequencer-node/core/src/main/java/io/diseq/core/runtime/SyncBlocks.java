package io.diseq.core.runtime;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.consensus.Event;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code GET /internal/blocks} (docs/protocol.md §30.4):
 * {@code RLP([block, …])} with {@code block = [header, certificate, [[partition, offset, body], …]]},
 * header as the §7.3 list and certificate as the §7.10 list (both nested, not wrapped in strings),
 * messages in block order (index = position). Decoding is strict; a decoded block is NOT trusted:
 * the core verifies it (§7.16) before anything is stored.
 */
public final class SyncBlocks {
    private SyncBlocks() {
    }

    /** One block as the serving side encodes it; {@code messages} in block order. */
    public static byte[] encodeBlock(byte[] headerRlp, byte[] certificate, List<SequencedMessage> messages) {
        List<byte[]> items = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            SequencedMessage m = messages.get(i);
            if (m.index() != i) {
                throw new IllegalStateException("message indices of a block are not 0..k-1");
            }
            items.add(Rlp.encodeList(Rlp.encodeLong(m.partition()), Rlp.encodeLong(m.offset()),
                    Rlp.encodeBytes(m.payload().unsafeArray())));
        }
        return Rlp.encodeList(headerRlp, certificate, Rlp.encodeList(items));
    }

    public static byte[] encodeResponse(List<byte[]> encodedBlocks) {
        return Rlp.encodeList(encodedBlocks);
    }

    /**
     * Strict decoding (§30.4, §5.2). A total function over bytes: it returns the blocks or throws
     * {@link IllegalArgumentException} whose cause is the {@link RlpException} with the stable code, and
     * nothing else, for any input; an accepted body is the canonical encoding of what it decodes to.
     */
    public static List<Event.SyncedBlock> decode(byte[] body) {
        try {
            List<Event.SyncedBlock> out = new ArrayList<>();
            for (RlpItem item : Rlp.decode(body).asList().items()) {
                out.add(block(item.asList().expectSize(3)));
            }
            return out;
        } catch (RlpException e) {
            throw new IllegalArgumentException("malformed blocks response: " + e.getMessage(), e);
        }
    }

    private static Event.SyncedBlock block(RlpList l) {
        BlockHeader header = BlockHeader.decode(l.get(0).asList().encoded());
        QuorumCertificate certificate = QuorumCertificate.decode(l.get(1).asList().encoded());
        List<SequencedMessage> messages = new ArrayList<>();
        for (RlpItem item : l.get(2).asList().items()) {
            RlpList m = item.asList().expectSize(3);
            int partition = m.get(0).asString().asInt();
            long offset = m.get(1).asString().asLong();
            byte[] body = m.get(2).asString().bytes();
            messages.add(new SequencedMessage(messages.size(), partition, offset, Bytes.wrap(Keccak256.hash(body)),
                    Bytes.wrap(body)));
        }
        return new Event.SyncedBlock(header, certificate, messages);
    }
}
