package io.diseq.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StatusLineTest {
    @Test
    void showsTheBestHeightTheWorstFinalityAndHowManyValidatorsAreUp() {
        List<NodeStatus> nodes = List.of(
                new NodeStatus("v0", true, OptionalLong.of(41), OptionalDouble.of(300), OptionalDouble.of(900)),
                new NodeStatus("v1", true, OptionalLong.of(42), OptionalDouble.of(350), OptionalDouble.of(1200)),
                NodeStatus.down("v2"),
                new NodeStatus("v3", true, OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty()));

        assertThat(StatusLine.format(nodes, 40, 12.5, 0))
                .isEqualTo("height 42 | 12.5 msg/s finalized | ttf p50 350 ms p99 1200 ms | validators up 3/4");
    }

    @Test
    void unknownValuesAreShownAsUnknownNotAsZero() {
        List<NodeStatus> nodes = List.of(new NodeStatus("v0", true, OptionalLong.empty(), OptionalDouble.empty(),
                OptionalDouble.empty()));

        assertThat(StatusLine.format(nodes, -1, 0, 7))
                .isEqualTo("height n/a | 0.0 msg/s finalized | ttf p50 n/a p99 n/a | validators up 1/1 | load sent 7");
    }
}
