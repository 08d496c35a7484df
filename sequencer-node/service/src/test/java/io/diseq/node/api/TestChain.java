package io.diseq.node.api;

import io.diseq.core.chain.BlockContent;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.InputRecord;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.crypto.Ecvrf;
import io.diseq.core.crypto.Ed25519;
import io.diseq.core.crypto.ValidatorKeys;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.util.Bytes;
import io.diseq.node.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds decided blocks exactly as validators would: content by the core's {@link ContentRule} over
 * an in-memory input log, the committer's real ECVRF proof selecting the proposer, and a quorum
 * certificate of real Ed25519 precommits by the test validators v0..v(q−1) (src/test/resources/keys).
 */
public final class TestChain {
    private final ChainConfig config;
    private final Log log = new Log();
    private final InMemoryNodeStore stateNodes = new InMemoryNodeStore();
    private ChainTip tip;

    public TestChain(ChainConfig config, int partitions) {
        this.config = config;
        this.tip = Genesis.tip(config);
        for (int p = 0; p < partitions; p++) {
            log.records.put(p, new ArrayList<>());
        }
    }

    /** Appends the payloads round-robin over the partitions and decides the next block over all of them. */
    public DecidedBlock next(List<byte[]> payloads) {
        for (int i = 0; i < payloads.size(); i++) {
            List<InputRecord> partition = log.records.get(i % log.records.size());
            partition.add(new InputRecord(i % log.records.size(), partition.size(), Bytes.of(payloads.get(i))));
        }
        long height = tip.height() + 1;
        BlockContent content = ContentRule.assemble(config, tip, height, log, stateNodes);
        int committer = config.validators().committerIndex(height, 0);
        byte[] pi = TestKeys.validator(committer).proveVrf(SignBytes.vrfAlpha(config.chainId(), height, 0, tip.blockId()));
        int proposer = config.validators().proposerIndex(Ecvrf.proofToHash(pi));
        BlockHeader header = new BlockHeader(config.chainId(), height, 0, tip.blockId(),
                tip.header().timestampMs() + 1000, proposer, committer, Bytes.wrap(pi), content.ranges(),
                content.messages().size(), content.messagesRoot(), content.stateRoot(), config.validators().hash());
        Bytes id = header.id();
        List<CommitSignature> signatures = new ArrayList<>();
        for (int v = 0; v < config.validators().quorum(); v++) {
            ValidatorKeys keys = TestKeys.validator(v);
            signatures.add(new CommitSignature(v, Bytes.wrap(Ed25519.sign(keys.signing().seed(),
                    SignBytes.precommit(config.chainId(), height, 0, id)))));
        }
        stateNodes.apply(content.stateCommit());
        tip = tip.advance(header, id);
        return new DecidedBlock(header, id, new QuorumCertificate(height, 0, id, signatures), content.messages(),
                content.stateCommit().newNodes(), tip);
    }

    /** Every record appended to {@code partition}, in offset order (offsets 0, 1, …). */
    public List<byte[]> payloads(int partition) {
        return log.records.get(partition).stream().map(r -> r.payload().toArray()).toList();
    }

    private static final class Log implements InputLog {
        final Map<Integer, List<InputRecord>> records = new TreeMap<>();

        @Override
        public List<Integer> partitions() {
            return List.copyOf(records.keySet());
        }

        @Override
        public long readPosition(int partition) {
            return records.get(partition).size();
        }

        @Override
        public List<InputRecord> records(int partition, long fromOffset, long toOffset, int maxRecords) {
            List<InputRecord> all = records.get(partition);
            return List.copyOf(all.subList((int) fromOffset, (int) Math.min(toOffset, fromOffset + maxRecords)));
        }
    }
}
