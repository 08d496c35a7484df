package io.diseq.ingest.topology;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The two persistent (RocksDB, changelogged) stores behind de-duplication (docs/ingest.md
 * §De-duplication):
 * <ul>
 *   <li>{@value #IDS}: message id (32 bytes) → wall-clock ms when ingest first saw it;</li>
 *   <li>{@value #EXPIRY}: u64be(first seen ms) ‖ id → empty, ordered by time, so the purge reads only
 *       the expired prefix instead of scanning every id.</li>
 * </ul>
 * Both are written in the same task and committed in the same transaction, so they never disagree
 * after a crash.
 */
final class DedupStores {
    static final String IDS = "dedup-ids";
    static final String EXPIRY = "dedup-expiry";
    static final int ID_BYTES = 32;
    static final int EXPIRY_KEY_BYTES = Long.BYTES + ID_BYTES;

    private DedupStores() {}

    static StoreBuilder<KeyValueStore<Bytes, Long>> ids() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(IDS), Serdes.Bytes(), Serdes.Long());
    }

    static StoreBuilder<KeyValueStore<Bytes, byte[]>> expiry() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRY), Serdes.Bytes(), Serdes.ByteArray());
    }

    /** The expiry key; {@code seenAtMs} must be non-negative so that byte order is time order. */
    static Bytes expiryKey(long seenAtMs, byte[] id) {
        return Bytes.wrap(ByteBuffer.allocate(EXPIRY_KEY_BYTES).putLong(seenAtMs).put(id).array());
    }

    /** The largest expiry key with this time: every id sorts at or below it. */
    static Bytes lastExpiryKeyAt(long seenAtMs) {
        byte[] maxId = new byte[ID_BYTES];
        Arrays.fill(maxId, (byte) 0xff);
        return expiryKey(seenAtMs, maxId);
    }

    static Bytes idOf(Bytes expiryKey) {
        return Bytes.wrap(Arrays.copyOfRange(expiryKey.get(), Long.BYTES, EXPIRY_KEY_BYTES));
    }
}
