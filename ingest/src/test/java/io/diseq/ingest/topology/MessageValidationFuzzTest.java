package io.diseq.ingest.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.diseq.core.crypto.Keccak256;
import io.diseq.schemas.IngestRejectCode;
import io.diseq.schemas.MessageId;
import io.diseq.schemas.MessageIdSerde;
import io.diseq.schemas.RejectedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of ingest's record validation (docs/ingest.md
 * §Validation) on any raw record a producer can write: the key goes through the topic's key serde (a
 * {@link SerializationException} is the MALFORMED_KEY dead letter), the value through the
 * {@link MessageValidator}; the outcome is an accepted id or a reject with a stable code, and the
 * dead-letter headers of any reject can be built and read back. An accepted record is a 1 to max-byte
 * message keyed by (or re-keyed to) keccak256 of its bytes. Regression inputs:
 * {@code MessageValidationFuzzTestInputs/check/}.
 */
@Tag("unit")
class MessageValidationFuzzTest {
    private static final int MAX_BYTES = 256;
    private static final MessageValidator VALIDATOR = new MessageValidator(MAX_BYTES);

    @FuzzTest(maxDuration = "2m")
    void check(FuzzedDataProvider data) {
        byte[] keyBytes = data.consumeBoolean() ? null : data.consumeBytes(40);
        byte[] value = data.consumeBoolean() ? null : data.consumeBytes(MAX_BYTES + 8);
        if (data.consumeBoolean() && value != null && keyBytes != null && keyBytes.length == 32) {
            keyBytes = Keccak256.hash(value);
        }
        MessageId key;
        try {
            key = new MessageIdSerde().deserializer().deserialize("fuzz.messages.raw", keyBytes);
        } catch (SerializationException malformedKey) {
            deadLetter(IngestRejectCode.MALFORMED_KEY, malformedKey.getMessage(), keyBytes, value);
            return;
        }
        Verdict verdict = VALIDATOR.check(key, value);
        if (verdict instanceof Verdict.Accept accept) {
            assertThat(value.length).isBetween(1, MAX_BYTES);
            assertThat(accept.id()).isEqualTo(MessageId.of(Keccak256.hash(value)));
        } else {
            Verdict.Reject reject = (Verdict.Reject) verdict;
            deadLetter(reject.code(), reject.detail(), keyBytes, value);
        }
    }

    private static void deadLetter(IngestRejectCode code, String detail, byte[] key, byte[] value) {
        RejectedRecord rejected = new RejectedRecord(code, detail, "fuzz.messages.raw", 0, 1, key, value);
        RejectedRecord back = RejectedRecord.fromHeaders(rejected.toHeaders(), key, value);
        assertThat(back.code()).isEqualTo(code);
    }
}
