package io.diseq.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The finalized-block record: its JSON against the schema and the sample, key layout, strict parsing. */
@Tag("unit")
class BlockRecordTest {
    private static final String SAMPLE = SchemaValidation.sample("block-record.json");

    @Test
    void sampleValidatesAndParsesBackToTheSameJson() {
        assertThat(SchemaValidation.errors(SchemaResources.BLOCK_RECORD, SAMPLE)).isEmpty();
        BlockRecord record = BlockRecord.fromJson(SAMPLE.getBytes(StandardCharsets.UTF_8));
        assertThat(record.height()).isEqualTo(1);
        assertThat(SchemaValidation.parse(new String(record.toJson(), StandardCharsets.UTF_8)))
                .isEqualTo(SchemaValidation.parse(SAMPLE));
    }

    @Test
    void emittedRecordValidatesAndRoundTrips() {
        HexFormat hex = HexFormat.of();
        BlockRecord record = BlockRecord.of("devnet", 42, hex.parseHex("ab".repeat(32)), new byte[] {(byte) 0xc1, 0x01},
                new byte[] {1, 2, 3}, 1_767_225_600_123L);
        String json = new String(record.toJson(), StandardCharsets.UTF_8);

        assertThat(SchemaValidation.errors(SchemaResources.BLOCK_RECORD, json)).isEmpty();
        assertThat(SchemaValidation.parse(json).get("header").asText()).isEqualTo("c101");
        assertThat(BlockRecord.fromJson(record.toJson())).isEqualTo(record);
        assertThat(record.blockIdBytes()).isEqualTo(hex.parseHex("ab".repeat(32)));
        assertThat(record.certificateBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void schemaRejectsRecordsThatBreakTheFormat() {
        String bad = "{\"version\":1,\"chainId\":\"devnet\",\"height\":0,\"blockId\":\"AB\","
                + "\"header\":\"c1\",\"certificate\":\"\",\"timestampMs\":0,\"extra\":true}";

        assertThat(SchemaValidation.errors(SchemaResources.BLOCK_RECORD, bad))
                .extracting(m -> m.getInstanceLocation().toString())
                .contains("$.height", "$.blockId", "$.certificate", "$");
    }

    @Test
    void readerIgnoresUnknownFieldsButRefusesMissingOnesAndOtherVersions() {
        String extra = SAMPLE.replace("{\"version\":1,", "{\"version\":1,\"addedLater\":\"x\",");
        assertThat(BlockRecord.fromJson(extra.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(BlockRecord.fromJson(SAMPLE.getBytes(StandardCharsets.UTF_8)));

        String v2 = SAMPLE.replace("{\"version\":1,", "{\"version\":2,");
        assertThatThrownBy(() -> BlockRecord.fromJson(v2.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported block record version 2");
        String noCertificate = SAMPLE.replaceAll(",\"certificate\":\"[0-9a-f]*\"", "");
        assertThatThrownBy(() -> BlockRecord.fromJson(noCertificate.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed block record");
        assertThatThrownBy(() -> BlockRecord.fromJson("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyIsTheHeightAsEightBytesBigEndian() {
        assertThat(BlockRecord.key(258)).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
        assertThat(BlockRecord.height(BlockRecord.key(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> BlockRecord.height(new byte[4])).isInstanceOf(IllegalArgumentException.class);
    }
}
