package io.diseq.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.InputRecord;
import io.diseq.core.consensus.ConsensusRules;
import io.diseq.core.consensus.FastTestCrypto;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.consensus.TestChains;
import io.diseq.core.consensus.TestInputLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A recorded runtime replays to identical outputs; a changed input shows where the outputs diverge. */
@Tag("unit")
class RecordingTest {
    private static final int N = 4;
    private final ChainConfig config = TestChains.config(N);

    /** Four runtimes wired by hand (every send delivered, every write completed at once); node 0 is recorded. */
    private List<byte[]> recordedRun() {
        List<TestInputLog> logs = new ArrayList<>();
        List<StepInputLog> views = new ArrayList<>();
        List<NodeRuntime> nodes = new ArrayList<>();
        ChainTip genesis = Genesis.tip(config);
        for (int i = 0; i < N; i++) {
            TestInputLog log = new TestInputLog(1);
            logs.add(log);
            views.add(new StepInputLog(log));
            nodes.add(new NodeRuntime(config, ConsensusRules.STANDARD, FastTestCrypto.forValidator(i), i,
                    SignerState.INITIAL, genesis, List.of(), views.get(i), RuntimeSettings.DEFAULTS));
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(Recording.encode(new Recording.Start(0, SignerState.INITIAL, genesis, List.of(),
                RuntimeSettings.DEFAULTS)));
        long[] recordedTo = {0};
        record Pending(int to, Input input) {
        }
        Deque<Pending> queue = new ArrayDeque<>();
        for (int i = 0; i < N; i++) {
            queue.add(new Pending(i, new Input.Start()));
        }
        long now = TestChains.GENESIS_TIME_MS + 1;
        for (int k = 0; k < 5; k++) {
            for (TestInputLog log : logs) {
                log.append(0, ("message " + k).getBytes());
            }
        }
        for (int i = 0; i < N; i++) {
            queue.add(new Pending(i, new Input.InputAppended()));
        }
        int steps = 0;
        long fedAt = 0;
        while (steps < 5_000 && nodes.get(0).status().durableHeight() < 3) {
            long durable = nodes.get(0).status().durableHeight();
            if (durable > fedAt) { // more input for the next height
                fedAt = durable;
                for (TestInputLog log : logs) {
                    log.append(0, ("height " + durable).getBytes());
                }
                for (int i = 0; i < N; i++) {
                    queue.add(new Pending(i, new Input.InputAppended()));
                }
            }
            Pending p = queue.isEmpty() ? new Pending(steps % N, new Input.Tick()) : queue.poll();
            now += 7;
            Map<Integer, Long> positions = views.get(p.to()).freeze();
            List<InputRecord> fresh = List.of();
            if (p.to() == 0) {
                fresh = views.get(0).held(0, recordedTo[0], positions.get(0));
                recordedTo[0] = positions.get(0);
            }
            List<Output> outs = nodes.get(p.to()).step(p.input(), now);
            if (p.to() == 0) {
                frames.add(Recording.encode(new Recording.Step(now, p.input(), positions, fresh,
                        Recording.digest(outs))));
            }
            for (Output o : outs) {
                if (o instanceof Output.Send s) {
                    for (int j = 0; j < N; j++) {
                        if (j != p.to()) {
                            queue.add(new Pending(j, new Input.Gossip(p.to(), s.type(), s.height(), s.round(),
                                    s.payload().unsafeArray())));
                        }
                    }
                } else if (o instanceof Output.PersistBlock b) {
                    queue.add(new Pending(p.to(), new Input.BlockPersisted(b.block().height())));
                }
            }
            steps++;
        }
        assertThat(nodes.get(0).status().durableHeight()).isGreaterThanOrEqualTo(3);
        return frames;
    }

    @Test
    void aRecordedRunReplaysToIdenticalOutputs() {
        List<byte[]> frames = recordedRun();
        Recording.Result r = Recording.replay(config, FastTestCrypto.forValidator(0), frames.iterator());
        assertThat(r.identical()).as(r.detail()).isTrue();
        assertThat(r.steps()).isEqualTo(frames.size() - 1);
    }

    @Test
    void aChangedInputIsFoundAtItsStep() {
        List<byte[]> frames = recordedRun();
        int victim = -1;
        for (int i = 1; i < frames.size() && victim < 0; i++) {
            Recording.Step step = Recording.decodeStep(frames.get(i));
            if (step.input() instanceof Input.Gossip && !step.outputDigest().equals(Recording.digest(List.of()))) {
                victim = i;
            }
        }
        Recording.Step s = Recording.decodeStep(frames.get(victim));
        frames.set(victim, Recording.encode(new Recording.Step(s.nowMs(), new Input.Tick(), s.positions(),
                s.newRecords(), s.outputDigest())));
        Recording.Result r = Recording.replay(config, FastTestCrypto.forValidator(0), frames.iterator());
        assertThat(r.identical()).isFalse();
        assertThat(r.firstMismatch()).isEqualTo(victim - 1); // the step that had outputs now has none
    }

    /**
     * A dropped input is compared by sender, kind and exception class: the message of a JVM exception is not
     * reproducible (JDK versions, and HotSpot's message-less preallocated exceptions at hot throw sites).
     */
    @Test
    void aFailedInputIsComparedByItsExceptionClassNotItsMessage() {
        Output withMessage = new Output.InputFailed(2, "PREVOTE",
                new ArrayIndexOutOfBoundsException("Index 3 out of bounds for length 3"));
        Output fastThrow = new Output.InputFailed(2, "PREVOTE", new ArrayIndexOutOfBoundsException());
        assertThat(Recording.digest(List.of(withMessage))).isEqualTo(Recording.digest(List.of(fastThrow)));
        Output otherClass = new Output.InputFailed(2, "PREVOTE", new IllegalStateException());
        Output otherSender = new Output.InputFailed(1, "PREVOTE", new ArrayIndexOutOfBoundsException());
        assertThat(Recording.digest(List.of(otherClass))).isNotEqualTo(Recording.digest(List.of(fastThrow)));
        assertThat(Recording.digest(List.of(otherSender))).isNotEqualTo(Recording.digest(List.of(fastThrow)));
    }
}
