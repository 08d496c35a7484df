package io.diseq.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.ValidatorSet;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * How {@code tail} prints a verified block: one line of text, or one JSON object per line
 * (sequencer-node/client/README.md "tail").
 */
final class BlockPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ID_PREFIX_HEX = 12;

    /** The {@code --json} form of one block. */
    record BlockLine(long height, String blockId, String parentHash, int messageCount, long timestampMs, int round,
                     int proposerIndex, String proposerId, List<Integer> signers, List<Range> ranges) {}

    record Range(int partition, long firstOffset, long endOffset) {}

    private final PrintStream out;
    private final ValidatorSet validators;
    private final boolean json;

    BlockPrinter(PrintStream out, ValidatorSet validators, boolean json) {
        this.out = out;
        this.validators = validators;
        this.json = json;
    }

    void print(VerifiedBlock block) {
        out.println(json ? json(block) : text(block));
        out.flush();
    }

    private String text(VerifiedBlock b) {
        BlockHeader h = b.header();
        return "height " + h.height()
                + "  id " + b.blockId().toHex().substring(0, ID_PREFIX_HEX)
                + "  messages " + h.messageCount()
                + "  time " + Instant.ofEpochMilli(h.timestampMs())
                + "  round " + h.round()
                + "  proposer " + h.proposerIndex() + " (" + validators.get(h.proposerIndex()).id() + ")"
                + "  signers " + b.certificate().signatures().size() + "/" + validators.size();
    }

    private String json(VerifiedBlock b) {
        BlockHeader h = b.header();
        BlockLine line = new BlockLine(h.height(), b.blockId().toHex(), h.parentHash().toHex(), h.messageCount(),
                h.timestampMs(), h.round(), h.proposerIndex(), validators.get(h.proposerIndex()).id(),
                b.certificate().signatures().stream().map(CommitSignature::validatorIndex).toList(),
                h.ranges().stream().map(r -> new Range(r.partition(), r.firstOffset(), r.endOffset())).toList());
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a block line always serializes", e);
        }
    }
}
