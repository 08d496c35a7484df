package io.diseq.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.consensus.TestChains;
import io.diseq.core.consensus.TestInputLog;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.trie.MerklePatriciaTrie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The block-content rule (docs/protocol.md §7.11): ranges, interleaving, skipping, limits, roots. */
@Tag("unit")
class ContentRuleTest {
    private final InMemoryNodeStore store = new InMemoryNodeStore();
    private final TestInputLog log = new TestInputLog(3);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ChainConfig limits(int messages, long bytes) {
        ChainConfig c = TestChains.config(4);
        return new ChainConfig(c.chainId(), c.validators(), c.genesisTimeMs(), c.timeouts(), messages, bytes, 5000, 0);
    }

    private List<String> payloads(BlockContent c) {
        return c.messages().stream().map(m -> new String(m.payload().toArray(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void interleavesPartitionsRoundRobinAndCoversTrailingMarkers() {
        log.append(0, b("a0"));
        log.append(0, b("a1"));
        log.append(0, b("a2"));
        log.append(1, b("b0"));
        log.skipOffsets(1, 2); // transaction markers
        log.append(2, b("c0"));
        log.append(2, b("c1"));
        ChainConfig config = limits(100, 1 << 20);
        BlockContent c = ContentRule.assemble(config, Genesis.tip(config), 1, log, store);
        assertThat(payloads(c)).containsExactly("a0", "b0", "c0", "a1", "c1", "a2");
        assertThat(c.ranges()).containsExactly(new PartitionRange(0, 0, 3), new PartitionRange(1, 0, 3),
                new PartitionRange(2, 0, 2));
        assertThat(c.messagesRoot()).isEqualTo(MerklePatriciaTrie.orderedRoot(
                c.messages().stream().map(m -> m.payload().toArray()).toList()));
    }

    @Test
    void skipsIdsAlreadySequencedOrEarlierInTheBlock() {
        log.append(0, b("x"));
        log.append(1, b("x"));
        log.append(1, b("y"));
        ChainConfig config = limits(100, 1 << 20);
        ChainTip genesis = Genesis.tip(config);
        BlockContent first = ContentRule.assemble(config, genesis, 1, log, store);
        assertThat(payloads(first)).containsExactly("x", "y");
        assertThat(first.ranges()).containsExactly(new PartitionRange(0, 0, 1), new PartitionRange(1, 0, 2));
        store.apply(first.stateCommit());
        BlockHeader h1 = header(config, genesis, first);
        ChainTip tip = genesis.advance(h1);
        log.append(0, b("y"));
        log.append(0, b("z"));
        BlockContent second = ContentRule.assemble(config, tip, 2, log, store);
        assertThat(payloads(second)).containsExactly("z");
        assertThat(second.ranges()).containsExactly(new PartitionRange(0, 1, 3));
    }

    @Test
    void stopsAPartitionAtTheLimitsAndValidatorsEnforceThem() {
        for (int i = 0; i < 5; i++) {
            log.append(0, b("m" + i));
        }
        ChainConfig config = limits(3, 1 << 20);
        ChainTip genesis = Genesis.tip(config);
        BlockContent c = ContentRule.assemble(config, genesis, 1, log, store);
        assertThat(payloads(c)).containsExactly("m0", "m1", "m2");
        assertThat(c.ranges()).containsExactly(new PartitionRange(0, 0, 3));
        var tooLong = ContentRule.recompute(config, genesis, 1, List.of(new PartitionRange(0, 0, 5)), log, store);
        assertThat(tooLong).isInstanceOf(ContentRule.Outcome.Invalid.class);
        ChainConfig bytes = limits(100, 5);
        assertThat(payloads(ContentRule.assemble(bytes, genesis, 1, log, store))).containsExactly("m0", "m1");
    }

    @Test
    void recomputeMatchesAssembleAndReportsUnavailableAndMisplacedRanges() {
        log.append(0, b("p"));
        log.append(1, b("q"));
        ChainConfig config = limits(100, 1 << 20);
        ChainTip genesis = Genesis.tip(config);
        BlockContent c = ContentRule.assemble(config, genesis, 1, log, store);
        var again = ContentRule.recompute(config, genesis, 1, c.ranges(), log, store);
        assertThat(((ContentRule.Outcome.Available) again).content().stateRoot()).isEqualTo(c.stateRoot());
        assertThat(ContentRule.recompute(config, genesis, 1, List.of(new PartitionRange(0, 0, 4)), log, store))
                .isInstanceOf(ContentRule.Outcome.Unavailable.class);
        assertThat(ContentRule.recompute(config, genesis, 1, List.of(new PartitionRange(0, 1, 2)), log, store))
                .isInstanceOf(ContentRule.Outcome.Invalid.class);
        assertThat(ContentRule.recompute(config, genesis, 1, List.of(new PartitionRange(7, 0, 1)), log, store))
                .isInstanceOf(ContentRule.Outcome.Invalid.class);
    }

    static BlockHeader header(ChainConfig config, ChainTip tip, BlockContent c) {
        return new BlockHeader(config.chainId(), tip.height() + 1, 0, tip.blockId(), tip.header().timestampMs() + 1, 0, 1,
                io.diseq.core.util.Bytes.wrap(new byte[80]), c.ranges(), c.messages().size(), c.messagesRoot(),
                c.stateRoot(), config.validators().hash());
    }
}
