package io.diseq.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.consensus.ConsensusRules;
import io.diseq.core.consensus.FastTestCrypto;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.consensus.TestChains;
import io.diseq.core.consensus.TestInputLog;
import io.diseq.core.util.Bytes;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One runtime driven by hand: untrusted input, vouched catch-up, pipelined writes (docs/architecture.md). */
@Tag("unit")
class NodeRuntimeTest {
    private final ChainConfig config = TestChains.config(4);
    private final TestInputLog log = new TestInputLog(1);
    private long now = TestChains.GENESIS_TIME_MS + 10;

    private NodeRuntime runtime(int self) {
        NodeRuntime r = new NodeRuntime(config, ConsensusRules.STANDARD, FastTestCrypto.forValidator(self), self,
                SignerState.INITIAL, Genesis.tip(config), List.of(), log, RuntimeSettings.DEFAULTS);
        r.step(new Input.Start(), now);
        return r;
    }

    private static Input.Gossip status(int sender, long tipHeight) {
        return new Input.Gossip(sender, GossipType.STATUS, tipHeight + 1, 0,
                Payloads.status(tipHeight, Bytes.wrap(new byte[32])).unsafeArray());
    }

    @Test
    void garbagePayloadsOfEveryKindAreRejectedValues() {
        NodeRuntime r = runtime(0);
        byte[][] garbage = {{}, {(byte) 0xc0}, {(byte) 0xc1, 0x00}, {(byte) 0xf8}, {0x01, 0x02, 0x03}};
        for (GossipType type : GossipType.values()) {
            for (byte[] g : garbage) {
                List<Output> out = r.step(new Input.Gossip(1, type, 1, 0, g), now);
                assertThat(out).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(Output.Rejected.class,
                        rej -> assertThat(rej.code()).isEqualTo(RejectCode.MALFORMED)));
                assertThat(out).noneMatch(o -> o instanceof Output.InputFailed);
            }
        }
    }

    @Test
    void oneInflatedStatusDoesNotStartCatchUp() {
        NodeRuntime r = runtime(0);
        List<Output> out = r.step(status(1, 1_000_000), now += 10_000);
        assertThat(r.status().catchingUp()).isFalse();
        assertThat(r.status().vouchedHeight()).isEqualTo(-1);
        assertThat(out).noneMatch(o -> o instanceof Output.FetchBlocks);
        r.step(status(2, 3), now);
        assertThat(r.status().vouchedHeight()).isEqualTo(3); // the second-highest claim of f + 1 = 2
    }

    @Test
    void aLoneClaimIsProbedOneBlockAtATimeAfterTheGraceWithoutReportingCatchUp() {
        NodeRuntime r = runtime(0);
        assertThat(r.step(status(1, 50), now)).noneMatch(o -> o instanceof Output.FetchBlocks);
        List<Output> out = r.step(new Input.Tick(), now += RuntimeSettings.DEFAULTS.graceMs());
        Output.FetchBlocks probe = (Output.FetchBlocks) out.stream().filter(o -> o instanceof Output.FetchBlocks)
                .findFirst().orElseThrow();
        assertThat(probe.peer()).isEqualTo(1);
        assertThat(probe.count()).isEqualTo(1);
        assertThat(r.status().catchingUp()).isFalse();
        r.step(new Input.BlocksFetched(probe.requestId(), 1, new byte[] {(byte) 0xc0}), now); // nothing: a lie
        assertThat(r.step(new Input.Tick(), now += 1)).noneMatch(o -> o instanceof Output.FetchBlocks);
        assertThat(r.nextWakeMs()).isGreaterThan(now); // the liar waits out its backoff; no busy wake-ups
    }

    @Test
    void catchUpAsksAVouchingPeerAndBacksOffAfterAFailure() {
        NodeRuntime r = runtime(0);
        r.step(status(1, 10), now);
        List<Output> out = r.step(status(2, 10), now);
        Output.FetchBlocks f = (Output.FetchBlocks) out.stream().filter(o -> o instanceof Output.FetchBlocks)
                .findFirst().orElseThrow();
        assertThat(f.from()).isEqualTo(1);
        assertThat(r.status().catchingUp()).isTrue();
        List<Output> after = r.step(new Input.FetchFailed(f.requestId(), f.peer(), "refused"), now);
        Output.FetchBlocks next = (Output.FetchBlocks) after.stream().filter(o -> o instanceof Output.FetchBlocks)
                .findFirst().orElseThrow();
        assertThat(next.peer()).isNotEqualTo(f.peer()); // the failed peer waits out its backoff
        List<Output> garbage = r.step(new Input.BlocksFetched(next.requestId(), next.peer(), new byte[] {1}), now);
        assertThat(garbage).anyMatch(o -> o instanceof Output.Rejected rej && rej.sender() == next.peer());
        assertThat(r.step(new Input.Tick(), now)).noneMatch(o -> o instanceof Output.FetchBlocks);
        assertThat(r.step(new Input.Tick(), now += RuntimeSettings.DEFAULTS.fetchBackoffMinMs()))
                .anyMatch(o -> o instanceof Output.FetchBlocks);
    }

    @Test
    void aStaleCompletionIsIgnored() {
        NodeRuntime r = runtime(0);
        assertThat(r.step(new Input.BlocksFetched(99, 1, new byte[] {(byte) 0xc0}), now))
                .noneMatch(o -> o instanceof Output.Rejected || o instanceof Output.InputFailed);
        assertThat(r.step(new Input.TrieNodesLoaded(99, Map.of()), now)).isNotNull();
        assertThat(r.step(new Input.BlockPersisted(5), now)).noneMatch(o -> o instanceof Output.BlockDurable);
    }

    @Test
    void statusIsSentAtStartAndRelayRotates() {
        NodeRuntime r = runtime(0);
        List<Output> out = r.step(new Input.Tick(), now += RuntimeSettings.DEFAULTS.statusIntervalMs());
        assertThat(out).anyMatch(o -> o instanceof Output.Send s && s.type() == GossipType.STATUS);
        assertThat(r.nextWakeMs()).isGreaterThan(now);
    }

    /**
     * A next-height message is buffered by the core unverified; the runtime relays it only after the core's
     * replay at that height accepted it. A forged one (another validator's index, a bad signature) is never
     * re-sent, also not after the node reached its height (found by a random simulation batch).
     */
    @Test
    void aBufferedNextHeightMessageIsRelayedOnlyOnceVerified() {
        List<NodeRuntime> net = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            net.add(runtime(i));
        }
        Vote forged = new Vote(VoteType.PRECOMMIT, config.chainId(), 2, 1, null, 2, Bytes.wrap(new byte[64]));
        Bytes forgedPayload = Payloads.encode(forged);
        List<Output.Send> sentBy1 = new ArrayList<>();
        List<Output> first = net.get(1).step(new Input.Gossip(2, GossipType.PRECOMMIT, 2, 1,
                forgedPayload.unsafeArray()), now);
        assertThat(first).noneMatch(o -> o instanceof Output.Rejected); // buffered for height 2, not yet checked
        log.append(0, new byte[] {1, 2, 3});
        Deque<Map.Entry<Integer, Input>> queue = new ArrayDeque<>();
        for (int i = 0; i < 4; i++) {
            queue.add(Map.entry(i, new Input.InputAppended()));
        }
        long reachedTwoAt = -1;
        for (int steps = 0; steps < 100_000 && net.get(1).status().height() < 3; steps++) {
            Map.Entry<Integer, Input> next = queue.poll();
            if (next == null) {
                now += 50;
                for (int i = 0; i < 4; i++) {
                    queue.add(Map.entry(i, new Input.Tick()));
                }
                if (reachedTwoAt < 0 && net.get(1).status().height() == 2) {
                    reachedTwoAt = now;
                }
                // idle at height 2 for a few re-send intervals, then work for height 2
                if (reachedTwoAt >= 0 && now >= reachedTwoAt + 3 * RuntimeSettings.DEFAULTS.rebroadcastIntervalMs()
                        && log.readPosition(0) == 1) {
                    log.append(0, new byte[] {4, 5, 6}); // work for height 2
                    for (int i = 0; i < 4; i++) {
                        queue.add(Map.entry(i, new Input.InputAppended()));
                    }
                }
                continue;
            }
            int at = next.getKey();
            for (Output o : net.get(at).step(next.getValue(), now)) {
                if (o instanceof Output.Send send) {
                    if (at == 1) {
                        sentBy1.add(send);
                    }
                    for (int to = 0; to < 4; to++) {
                        if (to != at && (send.to() == -1 || send.to() == to)) {
                            queue.add(Map.entry(to, new Input.Gossip(at, send.type(), send.height(), send.round(),
                                    send.payload().unsafeArray())));
                        }
                    }
                } else if (o instanceof Output.PersistBlock pb) {
                    queue.add(Map.entry(at, new Input.BlockPersisted(pb.block().header().height())));
                }
            }
        }
        assertThat(net.get(1).status().height()).as("node 1 decided heights 1 and 2").isEqualTo(3);
        assertThat(sentBy1).anyMatch(o -> o.height() == 2 && o.type() == GossipType.PRECOMMIT); // its own and relays
        assertThat(sentBy1).noneMatch(o -> o.payload().equals(forgedPayload));
    }
}
