package io.diseq.ingest.it;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.schemas.IngestRejectCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;

/**
 * A seeded raw-topic workload: every 100th record (at offset 50 of each hundred) is invalid, cycling
 * through the four producer-visible reject codes; every 10th (at 3) re-sends an earlier valid message
 * (a duplicate), keyed or not; the rest are new messages of 1..300 bytes, keyed by id half the time.
 */
final class Dataset {
    record Raw(byte[] key, byte[] value) {}

    final List<Raw> records = new ArrayList<>();
    final Set<Bytes> distinctIds = new HashSet<>();
    final Map<IngestRejectCode, Integer> rejectCounts = new EnumMap<>(IngestRejectCode.class);
    /** keccak(value) of each rejected record's value (empty value included), with multiplicity. */
    final Map<Bytes, Integer> rejectedValueHashes = new HashMap<>();
    int duplicates;

    private static final IngestRejectCode[] INVALID = {
        IngestRejectCode.EMPTY, IngestRejectCode.OVERSIZED, IngestRejectCode.KEY_MISMATCH, IngestRejectCode.MALFORMED_KEY};

    Dataset(long seed, int size, int maxMessageBytes) {
        Random random = new Random(seed);
        List<byte[]> valid = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (i % 100 == 50) {
                addInvalid(INVALID[(i / 100) % INVALID.length], i, random, maxMessageBytes);
            } else if (i % 10 == 3 && !valid.isEmpty()) {
                byte[] again = valid.get(random.nextInt(valid.size()));
                records.add(new Raw(random.nextBoolean() ? Keccak256.hash(again) : null, again));
                duplicates++;
            } else {
                byte[] value = newMessage(i, random);
                valid.add(value);
                distinctIds.add(Bytes.wrap(Keccak256.hash(value)));
                records.add(new Raw(random.nextBoolean() ? Keccak256.hash(value) : null, value));
            }
        }
    }

    private static byte[] newMessage(int i, Random random) {
        byte[] tag = ("m" + i + ":").getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[tag.length + random.nextInt(300)];
        random.nextBytes(value);
        System.arraycopy(tag, 0, value, 0, tag.length);
        return value;
    }

    private void addInvalid(IngestRejectCode code, int i, Random random, int maxMessageBytes) {
        byte[] value = switch (code) {
            case EMPTY -> new byte[0];
            case OVERSIZED -> new byte[maxMessageBytes + 1 + random.nextInt(100)];
            default -> newMessage(i, random);
        };
        if (code == IngestRejectCode.OVERSIZED) {
            random.nextBytes(value);
        }
        byte[] key = switch (code) {
            case KEY_MISMATCH -> Keccak256.hash(("not " + i).getBytes(StandardCharsets.UTF_8));
            case MALFORMED_KEY -> ("short-key-" + i).getBytes(StandardCharsets.UTF_8);
            default -> null;
        };
        records.add(new Raw(key, value));
        rejectCounts.merge(code, 1, Integer::sum);
        rejectedValueHashes.merge(Bytes.wrap(Keccak256.hash(value)), 1, Integer::sum);
    }

    int invalidCount() {
        return rejectCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
