package io.diseq.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of the {@code <chain>.blocks} record parser
 * (docs/protocol.md §20.6), which clients and validators apply to whatever is on the topic: any value
 * parses or is refused with an IllegalArgumentException, nothing else; an accepted record survives its
 * own serialization. Regression inputs: {@code BlockRecordFuzzTestInputs/fromJson/}.
 */
@Tag("unit")
class BlockRecordFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void fromJson(byte[] value) {
        BlockRecord record;
        try {
            record = BlockRecord.fromJson(value);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        assertThat(BlockRecord.fromJson(record.toJson())).isEqualTo(record);
        assertThat(record.headerBytes()).isNotEmpty();
        assertThat(record.blockIdBytes()).hasSize(32);
    }
}
