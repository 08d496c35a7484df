package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.Genesis;
import io.diseq.core.trie.InMemoryNodeStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A few honest cores on a perfect, instant network decide heights with the input log's messages. */
@Tag("scenario")
class LocalNetworkTest {
    private record Delivery(int to, Event event) {}

    @Test
    void fourHonestValidatorsSequenceEveryRecordOnce() {
        run(TestChains.config(4), FastTestCrypto::forValidator, 10);
    }

    /** The production crypto path end to end: Ed25519 signatures and ECVRF proofs. */
    @Test
    void realCryptoValidatorsDecide() {
        List<io.diseq.core.chain.StandardConsensusCrypto> keys = new ArrayList<>();
        List<io.diseq.core.chain.Validator> vs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var c = new io.diseq.core.chain.StandardConsensusCrypto(
                    io.diseq.core.crypto.Keccak256.hash(new byte[] {7, (byte) i}),
                    io.diseq.core.crypto.Keccak256.hash(new byte[] {8, (byte) i}));
            keys.add(c);
            vs.add(new io.diseq.core.chain.Validator("v" + i, c.signingKey(), c.vrfKey(), ""));
        }
        ChainConfig config = new ChainConfig("real-crypto", new io.diseq.core.chain.ValidatorSet(vs),
                TestChains.GENESIS_TIME_MS, TestChains.TIMEOUTS, 100, 1 << 20, 5_000, 0);
        run(config, keys::get, 3);
    }

    private void run(ChainConfig config, java.util.function.IntFunction<io.diseq.core.chain.ConsensusCrypto> crypto,
                     int heights) {
        int n = config.validators().size();
        TestInputLog input = new TestInputLog(2);
        List<ConsensusCore> cores = new ArrayList<>();
        List<InMemoryNodeStore> stores = new ArrayList<>();
        List<List<DecidedBlock>> decided = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InMemoryNodeStore store = new InMemoryNodeStore();
            stores.add(store);
            decided.add(new ArrayList<>());
            cores.add(new ConsensusCore(config, crypto.apply(i), i, SignerState.INITIAL,
                    Genesis.tip(config), input, store));
        }
        Deque<Delivery> queue = new ArrayDeque<>();
        long now = TestChains.GENESIS_TIME_MS + 1000;
        for (int i = 0; i < n; i++) {
            queue.add(new Delivery(i, new Event.Start()));
        }
        int appended = 0;
        for (int steps = 0; steps < 100_000 && decided.get(0).size() < heights; steps++) {
            if (queue.isEmpty()) {
                input.append(appended % 2, ("msg-" + appended).getBytes(StandardCharsets.UTF_8));
                appended++;
                for (int i = 0; i < n; i++) {
                    queue.add(new Delivery(i, new Event.InputAvailable()));
                }
            }
            Delivery d = queue.poll();
            now++;
            List<Effect> effects = cores.get(d.to()).step(d.event(), now);
            assertPersistBeforeSend(effects);
            for (Effect e : effects) {
                if (e instanceof Effect.Broadcast b) {
                    for (int j = 0; j < n; j++) {
                        if (j != d.to()) {
                            queue.add(new Delivery(j, new Event.MessageReceived(b.message())));
                        }
                    }
                } else if (e instanceof Effect.PersistDecidedBlock p) {
                    stores.get(d.to()).putAll(p.block().stateNodes());
                    decided.get(d.to()).add(p.block());
                } else if (e instanceof Effect.Rejected r) {
                    assertThat(r.code()).as(r.detail()).isIn(io.diseq.core.chain.RejectCode.DUPLICATE_VOTE, io.diseq.core.chain.RejectCode.STALE_HEIGHT);
                }
            }
        }
        assertThat(decided.get(0)).hasSizeGreaterThanOrEqualTo(heights);
        for (int i = 1; i < n; i++) {
            int common = Math.min(decided.get(0).size(), decided.get(i).size());
            for (int h = 0; h < common; h++) {
                assertThat(decided.get(i).get(h).blockId()).isEqualTo(decided.get(0).get(h).blockId());
            }
        }
        long sequenced = decided.get(0).stream().mapToLong(b -> b.messages().size()).sum();
        assertThat(sequenced).isGreaterThanOrEqualTo(heights - 1);
    }

    /** Every own signed message leaves only after a persisted signer state that records its signature. */
    private static void assertPersistBeforeSend(List<Effect> effects) {
        SignerState persisted = null;
        for (Effect e : effects) {
            if (e instanceof Effect.PersistSignerState p) {
                persisted = p.state();
            } else if (e instanceof Effect.Broadcast b) {
                assertThat(persisted).as("persist before %s", b.message()).isNotNull();
                boolean covered = persisted.signature().equals(b.message().signature())
                        || persisted.ownVotes().contains(b.message());
                assertThat(covered).as("persisted state covers %s", b.message()).isTrue();
            }
        }
    }
}
