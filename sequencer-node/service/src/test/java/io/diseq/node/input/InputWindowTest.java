package io.diseq.node.input;

import io.diseq.core.chain.InputRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class InputWindowTest {
    private final InputWindow window = new InputWindow(Map.of(0, 10L, 1, 0L), 3, 100);

    @Test
    void acceptsRecordsUntilFullAndReportsTheFirstRejectedOffset() {
        assertThat(window.append(0, records(0, 10, 11, 12, 13))).isEqualTo(13);

        assertThat(window.isFull(0)).isTrue();
        assertThat(window.readPosition(0)).isEqualTo(13);
        assertThat(window.records(0, 10, 13, 10)).extracting(InputRecord::offset).containsExactly(10L, 11L, 12L);
        assertThat(window.readPosition(1)).isZero();
    }

    @Test
    void boundsByBytesButAlwaysAdmitsOneRecordIntoAnEmptyWindow() {
        InputWindow small = new InputWindow(Map.of(0, 0L), 100, 5);
        List<InputRecord> big = List.of(new InputRecord(0, 0, Bytes.wrap(new byte[8])),
                new InputRecord(0, 1, Bytes.wrap(new byte[1])));

        assertThat(small.append(0, big)).isEqualTo(1);
        assertThat(small.fill().get(0).bytes()).isEqualTo(8);
    }

    @Test
    void drainingFreesRoomAndIgnoresReplayedRecords() {
        window.append(0, records(0, 10, 11, 12));
        window.drainThrough(0, 12);

        assertThat(window.isFull(0)).isFalse();
        assertThat(window.nextUnsequenced(0)).isEqualTo(12);
        assertThat(window.append(0, records(0, 11, 12, 13, 14))).isEqualTo(-1);
        assertThat(window.records(0, 0, Long.MAX_VALUE, 10)).extracting(InputRecord::offset)
                .containsExactly(12L, 13L, 14L);
    }

    @Test
    void consumerPositionPastMarkersAdvancesTheReadPosition() {
        window.append(0, records(0, 10, 11));
        window.advanceTo(0, 14);

        assertThat(window.readPosition(0)).isEqualTo(14);
        assertThat(window.records(0, 10, 14, 10)).hasSize(2);
    }

    @Test
    void drainingBeyondTheReadPositionRequestsASeek() {
        window.append(0, records(0, 10));
        window.drainThrough(0, 50);
        window.advanceTo(0, 11);

        assertThat(window.readPosition(0)).isEqualTo(50);
        assertThat(window.takeSeek(0)).isEqualTo(50);
        assertThat(window.takeSeek(0)).isEqualTo(-1);
        assertThat(window.fill().get(0).records()).isZero();
    }

    @Test
    void recordsRespectsRangeAndCount() {
        window.append(1, records(1, 0, 1, 2));

        assertThat(window.records(1, 1, 3, 1)).extracting(InputRecord::offset).containsExactly(1L);
        assertThat(window.records(1, 0, 2, 10)).extracting(InputRecord::offset).containsExactly(0L, 1L);
    }

    private static List<InputRecord> records(int partition, long... offsets) {
        List<InputRecord> out = new ArrayList<>();
        for (long o : offsets) {
            out.add(new InputRecord(partition, o, Bytes.wrap(new byte[] {(byte) o})));
        }
        return out;
    }
}
