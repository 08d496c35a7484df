package io.diseq.node.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.diseq.core.util.Hex;
import io.diseq.node.store.BlockRow;
import java.io.InputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BlockRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordMatchesItsJsonSchemaAndRoundTrips() throws Exception {
        BlockRow row = new BlockRow(42, Hex.decode("ab".repeat(32)), new byte[] {(byte) 0xc1, 0x01},
                new byte[] {1, 2, 3}, 1_767_225_600_123L);
        BlockRecord record = BlockRecord.of("devnet", row);

        JsonNode json = JSON.readTree(record.toJson());

        assertThat(schema().validate(json)).isEmpty();
        assertThat(json.get("header").asText()).isEqualTo("c101");
        assertThat(BlockRecord.fromJson(record.toJson())).isEqualTo(record);
    }

    @Test
    void schemaRejectsRecordsThatBreakTheFormat() throws Exception {
        JsonNode bad = JSON.readTree("{\"version\":1,\"chainId\":\"devnet\",\"height\":-1,\"blockId\":\"AB\","
                + "\"header\":\"c1\",\"certificate\":\"\",\"timestampMs\":0,\"extra\":true}");

        assertThat(schema().validate(bad)).extracting(m -> m.getInstanceLocation().toString())
                .contains("$.height", "$.blockId", "$");
    }

    @Test
    void keyIsTheHeightAsEightBytesBigEndian() {
        assertThat(BlockRecord.key(258)).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
        assertThat(BlockRecord.height(BlockRecord.key(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> BlockRecord.height(new byte[4])).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonSchema schema() throws Exception {
        try (InputStream in = BlockRecordTest.class.getResourceAsStream("/schemas/block-record.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
