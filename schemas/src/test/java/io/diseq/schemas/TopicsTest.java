package io.diseq.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TopicsTest {

    @Test
    void namesCarryTheChainPrefix() {
        Topics topics = Topics.forChain("devnet-1");
        assertThat(topics.rawMessages().name()).isEqualTo("devnet-1.messages.raw");
        assertThat(topics.messages().name()).isEqualTo("devnet-1.messages");
        assertThat(topics.rejected().name()).isEqualTo("devnet-1.messages.rejected");
        assertThat(topics.blocks().name()).isEqualTo("devnet-1.blocks");
        assertThat(topics.all()).extracting(TopicSpec::cleanupPolicy).containsOnly(CleanupPolicy.DELETE);
    }

    @Test
    void chainIdsThatWouldBreakTopicNamesAreRefused() {
        for (String bad : new String[] {"", "a.b", "-x", "a b", "x".repeat(65), null}) {
            assertThatThrownBy(() -> Topics.forChain(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void messageIdSerdeRoundTripsAndRefusesOtherLengths() {
        MessageIdSerde serde = new MessageIdSerde();
        MessageId id = MessageId.of(new byte[32]);
        byte[] wire = serde.serializer().serialize("t", id);
        assertThat(wire).hasSize(32);
        assertThat(serde.deserializer().deserialize("t", wire)).isEqualTo(id);
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[31]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("31 bytes");
    }

    @Test
    void messageIdIsAValue() {
        byte[] raw = HexFormat.of().parseHex("00".repeat(31) + "ff");
        MessageId a = MessageId.of(raw);
        raw[0] = 7;
        assertThat(a).isEqualTo(MessageId.fromHex("0x" + "00".repeat(31) + "ff"));
        assertThat(a.toString()).endsWith("ff").hasSize(64);
        assertThatThrownBy(() -> MessageId.of(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectedRecordHeadersRoundTrip() {
        RejectedRecord r = new RejectedRecord(IngestRejectCode.OVERSIZED, "x".repeat(5000),
                "c.messages.raw", 3, 123456789012L, null, new byte[] {1});
        Headers headers = r.toHeaders();
        assertThat(new String(headers.lastHeader(RejectHeaders.CODE).value())).isEqualTo("OVERSIZED");
        assertThat(new String(headers.lastHeader(RejectHeaders.VERSION).value())).isEqualTo("1");
        RejectedRecord back = RejectedRecord.fromHeaders(headers, null, new byte[] {1});
        assertThat(back.code()).isEqualTo(IngestRejectCode.OVERSIZED);
        assertThat(back.detail()).hasSize(RejectHeaders.DETAIL_MAX_CHARS);
        assertThat(back.sourceTopic()).isEqualTo("c.messages.raw");
        assertThat(back.sourcePartition()).isEqualTo(3);
        assertThat(back.sourceOffset()).isEqualTo(123456789012L);
    }

    @Test
    void rejectCodesAreStableOnTheWire() {
        assertThat(IngestRejectCode.fromWire("KEY_MISMATCH")).isEqualTo(IngestRejectCode.KEY_MISMATCH);
        assertThatThrownBy(() -> IngestRejectCode.fromWire("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
