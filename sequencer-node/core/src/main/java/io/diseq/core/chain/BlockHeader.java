package io.diseq.core.chain;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A block header (docs/protocol.md §7.3). The block id is keccak256 of {@link #encode()}. A header
 * keeps the round it was created in (its committer, commitment and proposer) even when a later round
 * re-proposes it. Ranges are sorted by partition, one per partition at most.
 *
 * @param commitmentPi the committer's 80-byte ECVRF proof for (height, round); empty only in genesis
 */
public record BlockHeader(String chainId, long height, int round, Bytes parentHash, long timestampMs,
                          int proposerIndex, int committerIndex, Bytes commitmentPi,
                          List<PartitionRange> ranges, int messageCount, Bytes messagesRoot,
                          Bytes stateRoot, Bytes validatorSetHash) {
    public static final int HASH_LENGTH = 32;
    private static final int FIELDS = 13;

    public BlockHeader {
        Objects.requireNonNull(chainId, "chainId");
        ranges = List.copyOf(ranges);
        if (height < 0 || round < 0 || timestampMs < 0 || proposerIndex < 0 || committerIndex < 0
                || messageCount < 0) {
            throw new IllegalArgumentException("negative header field");
        }
        requireHash(parentHash, "parentHash");
        requireHash(messagesRoot, "messagesRoot");
        requireHash(stateRoot, "stateRoot");
        requireHash(validatorSetHash, "validatorSetHash");
        Objects.requireNonNull(commitmentPi, "commitmentPi");
        requireSortedRanges(ranges);
    }

    private static void requireHash(Bytes b, String what) {
        if (b == null || b.length() != HASH_LENGTH) {
            throw new IllegalArgumentException(what + " must be 32 bytes");
        }
    }

    private static void requireSortedRanges(List<PartitionRange> ranges) {
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i).partition() <= ranges.get(i - 1).partition()) {
                throw new IllegalArgumentException("ranges must be sorted by partition, one per partition");
            }
        }
    }

    /** RLP of the 13 fields in declaration order (§7.3). */
    public byte[] encode() {
        List<byte[]> rangeItems = new ArrayList<>(ranges.size());
        for (PartitionRange r : ranges) {
            rangeItems.add(Rlp.encodeList(Rlp.encodeLong(r.partition()), Rlp.encodeLong(r.firstOffset()),
                    Rlp.encodeLong(r.endOffset())));
        }
        return Rlp.encodeList(
                Rlp.encodeBytes(chainId.getBytes(StandardCharsets.UTF_8)),
                Rlp.encodeLong(height),
                Rlp.encodeLong(round),
                Rlp.encodeBytes(parentHash.unsafeArray()),
                Rlp.encodeLong(timestampMs),
                Rlp.encodeLong(proposerIndex),
                Rlp.encodeLong(committerIndex),
                Rlp.encodeBytes(commitmentPi.unsafeArray()),
                Rlp.encodeList(rangeItems),
                Rlp.encodeLong(messageCount),
                Rlp.encodeBytes(messagesRoot.unsafeArray()),
                Rlp.encodeBytes(stateRoot.unsafeArray()),
                Rlp.encodeBytes(validatorSetHash.unsafeArray()));
    }

    /** The block id: keccak256(RLP(header)). */
    public Bytes id() {
        return Bytes.wrap(Keccak256.hash(encode()));
    }

    /**
     * Strictly decodes a header (§7.3, §5.2). A total function over bytes: it returns the header or
     * throws {@link RlpException} with a stable code (bad RLP, wrong arity or field shape, non-UTF-8
     * chain id, an integer too large for its field, {@link RlpException.Code#INVALID_VALUE} for ranges
     * that break their rules), and nothing else. An accepted input is the header's canonical encoding:
     * {@code decode(x).encode()} equals {@code x}.
     */
    public static BlockHeader decode(byte[] encoded) {
        RlpList l = Rlp.decode(encoded).asList().expectSize(FIELDS);
        String chainId = l.get(0).asString().asUtf8();
        long height = l.get(1).asString().asLong();
        int round = l.get(2).asString().asInt();
        Bytes parentHash = l.get(3).asString().asBytes32();
        long timestampMs = l.get(4).asString().asLong();
        int proposerIndex = l.get(5).asString().asInt();
        int committerIndex = l.get(6).asString().asInt();
        Bytes pi = l.get(7).asString().asBytes();
        List<PartitionRange> ranges = decodeRanges(l.get(8).asList());
        int messageCount = l.get(9).asString().asInt();
        Bytes messagesRoot = l.get(10).asString().asBytes32();
        Bytes stateRoot = l.get(11).asString().asBytes32();
        Bytes validatorSetHash = l.get(12).asString().asBytes32();
        try {
            return new BlockHeader(chainId, height, round, parentHash, timestampMs, proposerIndex, committerIndex, pi,
                    ranges, messageCount, messagesRoot, stateRoot, validatorSetHash);
        } catch (IllegalArgumentException e) {
            throw new RlpException(RlpException.Code.INVALID_VALUE, e.getMessage());
        }
    }

    private static List<PartitionRange> decodeRanges(RlpList list) {
        List<PartitionRange> out = new ArrayList<>(list.size());
        for (RlpItem item : list.items()) {
            RlpList r = item.asList().expectSize(3);
            int partition = r.get(0).asString().asInt();
            long first = r.get(1).asString().asLong();
            long end = r.get(2).asString().asLong();
            if (end <= first) {
                throw new RlpException(RlpException.Code.INVALID_VALUE,
                        "empty range " + partition + ":[" + first + "," + end + ")");
            }
            out.add(new PartitionRange(partition, first, end));
        }
        return out;
    }
}
