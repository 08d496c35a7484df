package io.diseq.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.consensus.TestChains;
import io.diseq.core.trie.MerklePatriciaTrie;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Genesis is a pure function of the config (docs/protocol.md §7.2). */
@Tag("unit")
class GenesisTest {

    @Test
    void sameConfigSameIdEveryTime() {
        assertThat(Genesis.header(TestChains.config(4)).id()).isEqualTo(Genesis.header(TestChains.config(4)).id());
        assertThat(Genesis.tip(TestChains.config(4)).nextOffset(0)).isZero();
    }

    @Test
    void dependsOnChainIdValidatorsAndTime() {
        ChainConfig c = TestChains.config(4);
        ChainConfig otherChain = new ChainConfig("x", c.validators(), c.genesisTimeMs(), c.timeouts(), 1, 1, 0, 0);
        ChainConfig otherTime = new ChainConfig(c.chainId(), c.validators(), c.genesisTimeMs() + 1, c.timeouts(), 1, 1, 0, 0);
        ChainConfig otherSet = TestChains.config(5);
        var id = Genesis.header(c).id();
        assertThat(Genesis.header(otherChain).id()).isNotEqualTo(id);
        assertThat(Genesis.header(otherTime).id()).isNotEqualTo(id);
        assertThat(Genesis.header(otherSet).id()).isNotEqualTo(id);
    }

    @Test
    void fieldsAreAsSpecified() {
        BlockHeader g = Genesis.header(TestChains.config(4));
        assertThat(g.height()).isZero();
        assertThat(g.parentHash()).isEqualTo(Genesis.ZERO_HASH);
        assertThat(g.commitmentPi().length()).isZero();
        assertThat(g.ranges()).isEmpty();
        assertThat(g.messagesRoot()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
        assertThat(g.stateRoot()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
        assertThat(g.timestampMs()).isEqualTo(TestChains.GENESIS_TIME_MS);
    }
}
