package io.diseq.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The checked-in samples and everything the code emits validate against the shipped schemas. */
@Tag("unit")
class SchemaCompatibilityTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final MessageId HELLO_ID =
            MessageId.fromHex("1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8");

    @Test
    void samplesValidate() {
        assertThat(SchemaValidation.errors(SchemaResources.RAW_MESSAGE_RECORD, SchemaValidation.sample("raw-message-record.json"))).isEmpty();
        assertThat(SchemaValidation.errors(SchemaResources.MESSAGE_RECORD, SchemaValidation.sample("message-record.json"))).isEmpty();
        assertThat(SchemaValidation.errors(SchemaResources.REJECTED_RECORD, SchemaValidation.sample("rejected-record.json"))).isEmpty();
        assertThat(SchemaValidation.errors(SchemaResources.PUBLISH_SUMMARY, SchemaValidation.sample("publish-summary.json"))).isEmpty();
    }

    @Test
    void emittedMessageRecordValidatesAndMatchesSample() {
        String json = RecordJson.message(new RecordPosition("devnet.messages", 2, 17, 1763701200012L), HELLO_ID, HELLO);
        assertThat(SchemaValidation.errors(SchemaResources.MESSAGE_RECORD, json)).isEmpty();
        assertThat(SchemaValidation.parse(json)).isEqualTo(SchemaValidation.parse(SchemaValidation.sample("message-record.json")));
    }

    @Test
    void emittedRawRecordValidatesWithAndWithoutKey() {
        RecordPosition at = new RecordPosition("devnet.messages.raw", 0, 41, 1763701200000L);
        String keyless = RecordJson.rawMessage(at, null, HELLO);
        assertThat(SchemaValidation.errors(SchemaResources.RAW_MESSAGE_RECORD, keyless)).isEmpty();
        assertThat(SchemaValidation.parse(keyless)).isEqualTo(SchemaValidation.parse(SchemaValidation.sample("raw-message-record.json")));
        String keyed = RecordJson.rawMessage(at, HELLO_ID.toBytes(), HELLO);
        assertThat(SchemaValidation.errors(SchemaResources.RAW_MESSAGE_RECORD, keyed)).isEmpty();
        String tombstone = RecordJson.rawMessage(at, new byte[] {1, 2, 3}, null);
        assertThat(SchemaValidation.errors(SchemaResources.RAW_MESSAGE_RECORD, tombstone)).isEmpty();
    }

    @Test
    void emittedRejectedRecordValidatesForEveryCode() {
        RecordPosition at = new RecordPosition("devnet.messages.rejected", 0, 3, 1763701200020L);
        for (IngestRejectCode code : IngestRejectCode.values()) {
            RejectedRecord r = new RejectedRecord(code, "detail with \"quotes\", \\ and a\nnewline",
                    "devnet.messages.raw", 1, 977, new byte[] {9}, null);
            String json = RecordJson.rejected(at, r);
            assertThat(SchemaValidation.errors(SchemaResources.REJECTED_RECORD, json)).as(json).isEmpty();
            assertThat(SchemaValidation.parse(json).get("detail").asText()).isEqualTo(r.detail());
        }
        RejectedRecord empty = new RejectedRecord(IngestRejectCode.EMPTY, "a message is at least 1 byte",
                "devnet.messages.raw", 1, 977, null, new byte[0]);
        assertThat(SchemaValidation.parse(RecordJson.rejected(at, empty)))
                .isEqualTo(SchemaValidation.parse(SchemaValidation.sample("rejected-record.json")));
    }

    @Test
    void emittedPublishSummaryValidates() {
        assertThat(SchemaValidation.errors(SchemaResources.PUBLISH_SUMMARY,
                new PublishSummary("devnet.messages.raw", 10, 0, null).toJson())).isEmpty();
        assertThat(SchemaValidation.errors(SchemaResources.PUBLISH_SUMMARY,
                new PublishSummary("devnet.messages.raw", 8, 2, "timed out").toJson())).isEmpty();
    }

    @Test
    void rejectedSchemaListsExactlyTheRejectCodes() {
        JsonNode codes = SchemaValidation.parse(SchemaResources.read(SchemaResources.REJECTED_RECORD))
                .path("properties").path("code").path("enum");
        List<String> inSchema = new ArrayList<>();
        codes.forEach(c -> inSchema.add(c.asText()));
        assertThat(inSchema).containsExactlyElementsOf(
                Arrays.stream(IngestRejectCode.values()).map(IngestRejectCode::wire).toList());
    }

    @Test
    void schemasRejectWhatTheContractForbids() {
        String shortId = SchemaValidation.sample("message-record.json").replace("\"id\":\"1c8a", "\"id\":\"");
        assertThat(SchemaValidation.errors(SchemaResources.MESSAGE_RECORD, shortId)).isNotEmpty();
        String emptyValue = SchemaValidation.sample("message-record.json").replace("\"value\":\"68656c6c6f\"", "\"value\":\"\"");
        assertThat(SchemaValidation.errors(SchemaResources.MESSAGE_RECORD, emptyValue)).isNotEmpty();
        String unknownCode = SchemaValidation.sample("rejected-record.json").replace("\"EMPTY\"", "\"NOPE\"");
        assertThat(SchemaValidation.errors(SchemaResources.REJECTED_RECORD, unknownCode)).isNotEmpty();
        String wrongTopic = SchemaValidation.sample("raw-message-record.json").replace("devnet.messages.raw", "devnet.messages");
        assertThat(SchemaValidation.errors(SchemaResources.RAW_MESSAGE_RECORD, wrongTopic)).isNotEmpty();
    }

    @Test
    void everyListedSchemaLoadsAndDeclaresDraft2020() {
        for (String name : SchemaResources.ALL) {
            assertThat(SchemaValidation.parse(SchemaResources.read(name)).path("$schema").asText())
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
    }
}
