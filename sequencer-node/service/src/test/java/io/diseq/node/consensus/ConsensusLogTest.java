package io.diseq.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.runtime.Decision;
import io.diseq.core.util.Bytes;
import io.diseq.node.api.TestChain;
import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.BlockWrite;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.store.PostgresNodeStore;
import io.diseq.node.testing.PostgresExtension;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The driver's PostgreSQL ports on a real database: the consensus log (migration V3) keeps the decisions above
 * the durable tip and decodes strictly, and {@link PostgresNodeStore#getMany} reads a batch of trie nodes in one
 * query.
 */
@Tag("integration")
class ConsensusLogTest {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private Jdbi jdbi;
    private List<DecidedBlock> blocks;

    @BeforeEach
    void open() throws Exception {
        jdbi = NodeDatabase.open(PG.jdbi());
        ChainConfig config = new YamlConfigurationFactory<>(NodeConfiguration.class, null, Jackson.newObjectMapper(),
                "dw").build(new ResourceConfigurationSourceProvider(), "node-test.yml").chainConfig();
        TestChain chain = new TestChain(config, 2);
        blocks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            blocks.add(chain.next(List.of(("m" + i).getBytes(StandardCharsets.UTF_8),
                    ("n" + i).getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void decisionsAboveTheDurableTipSurviveAndArePrunedOnceDurable() {
        ConsensusLog log = new ConsensusLog(jdbi);
        for (DecidedBlock b : blocks) {
            log.save(b.header(), b.certificate());
        }
        log.save(blocks.get(1).header(), blocks.get(1).certificate()); // a recovered decision is persisted again

        assertThat(log.above(1)).extracting(Decision::header)
                .containsExactly(blocks.get(1).header(), blocks.get(2).header());
        assertThat(log.above(0).get(0).certificate()).isEqualTo(blocks.get(0).certificate());
        log.pruneThrough(2);
        assertThat(log.above(0)).extracting(d -> d.header().height()).containsExactly(3L);
    }

    @Test
    void aRowThatIsNotWhatWasWrittenIsRefused() {
        DecidedBlock b = blocks.get(0);
        byte[] header = b.header().encode();
        assertThat(ConsensusLog.decode(1, header, b.certificate().encode()).header()).isEqualTo(b.header());
        assertThatThrownBy(() -> ConsensusLog.decode(2, header, b.certificate().encode()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ConsensusLog.decode(1, header, blocks.get(1).certificate().encode()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void trieNodesAreReadInOneBatch() {
        BlockStore store = new BlockStore(jdbi, nodes -> { });
        for (DecidedBlock b : blocks) {
            store.store(BlockWrite.of(b));
        }
        PostgresNodeStore nodes = new PostgresNodeStore(jdbi, 4);
        Map<Bytes, byte[]> written = blocks.get(2).stateNodes();
        assertThat(written).isNotEmpty();
        Bytes absent = Bytes.wrap(new byte[32]);
        List<Bytes> wanted = new ArrayList<>(written.keySet());
        wanted.add(absent);

        Map<Bytes, byte[]> read = nodes.getMany(wanted);

        assertThat(read.keySet()).isEqualTo(written.keySet());
        written.forEach((hash, rlp) -> assertThat(read.get(hash)).isEqualTo(rlp));
        assertThat(nodes.getMany(Set.of())).isEmpty();
    }
}
