package io.diseq.ingest.topology;

import io.diseq.schemas.MessageId;
import io.diseq.schemas.TopicSpec;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The ingest topology (docs/ingest.md §Topology):
 * <pre>
 * &lt;chain&gt;.messages.raw ─ validate ─┬─ rejected ─────────────────────────────► &lt;chain&gt;.messages.rejected
 *                                └─ accepted, key := id ─ repartition "by-id" ─ dedup ─► &lt;chain&gt;.messages
 * </pre>
 * The repartition by id puts every copy of a message into the same de-duplication task whatever
 * raw partition the producer chose; with as many partitions as {@code <chain>.messages} and the
 * same default partitioner, the task for partition p writes only to output partition p.
 * Processor, store and internal topic names are fixed so upgrades keep their state.
 */
public final class IngestTopology {
    private static final Serde<byte[]> BYTES = Serdes.ByteArray();

    private IngestTopology() {}

    public static Topology build(IngestSettings settings, IngestMetrics metrics) {
        return build(settings, metrics, new MessageValidator(settings.maxMessageBytes()));
    }

    /** With a custom check; tests use it to make processing fail on purpose. */
    public static Topology build(IngestSettings settings, IngestMetrics metrics, MessageCheck check) {
        StreamsBuilder builder = new StreamsBuilder();
        TopicSpec<MessageId, byte[]> raw = settings.topics().rawMessages();
        KStream<byte[], Checked> checked = builder
                .stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName("raw-source"))
                .process(() -> new ValidateProcessor(check, metrics), Named.as("validate"));
        Map<String, KStream<byte[], Checked>> routes = checked.split(Named.as("route-"))
                .branch((key, value) -> value.accepted(), Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));
        routes.get("route-rejected")
                .mapValues(Checked::value, Named.as("rejected-value"))
                .to(settings.topics().rejected().name(), Produced.with(BYTES, BYTES).withName("rejected-sink"));
        builder.addStateStore(DedupStores.ids());
        builder.addStateStore(DedupStores.expiry());
        routes.get("route-accepted")
                .mapValues(Checked::value, Named.as("message-value"))
                .repartition(Repartitioned.with(BYTES, BYTES).withName("by-id")
                        .withNumberOfPartitions(settings.messagePartitions()))
                .process(() -> new DedupProcessor(settings, metrics), Named.as("dedup"),
                        DedupStores.IDS, DedupStores.EXPIRY)
                .to(settings.topics().messages().name(), Produced.with(BYTES, BYTES).withName("messages-sink"));
        return builder.build();
    }
}
