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
        int n = 4;
        ChainConfig config = TestChains.config(n);
        TestInputLog input = new TestInputLog(2);
        List<ConsensusCore> cores = new ArrayList<>();
        List<InMemoryNodeStore> stores = new ArrayList<>();
        List<List<DecidedBlock>> decided = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InMemoryNodeStore store = new InMemoryNodeStore();
            stores.add(store);
            decided.add(new ArrayList<>());
            cores.add(new ConsensusCore(config, FastTestCrypto.forValidator(i), i, SignerState.INITIAL,
                    Genesis.tip(config), input, store));
        }
        Deque<Delivery> queue = new ArrayDeque<>();
        long now = TestChains.GENESIS_TIME_MS + 1000;
        for (int i = 0; i < n; i++) {
            queue.add(new Delivery(i, new Event.Start()));
        }
        int appended = 0;
        for (int steps = 0; steps < 100_000 && decided.get(0).size() < 10; steps++) {
            if (queue.isEmpty()) {
                input.append(appended % 2, ("msg-" + appended).getBytes(StandardCharsets.UTF_8));
                appended++;
                for (int i = 0; i < n; i++) {
                    queue.add(new Delivery(i, new Event.InputAvailable()));
                }
            }
            Delivery d = queue.poll();
            now++;
            for (Effect e : cores.get(d.to()).step(d.event(), now)) {
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
        assertThat(decided.get(0)).hasSizeGreaterThanOrEqualTo(10);
        for (int i = 1; i < n; i++) {
            int common = Math.min(decided.get(0).size(), decided.get(i).size());
            for (int h = 0; h < common; h++) {
                assertThat(decided.get(i).get(h).blockId()).isEqualTo(decided.get(0).get(h).blockId());
            }
        }
        long sequenced = decided.get(0).stream().mapToLong(b -> b.messages().size()).sum();
        assertThat(sequenced).isGreaterThanOrEqualTo(9);
    }
}
