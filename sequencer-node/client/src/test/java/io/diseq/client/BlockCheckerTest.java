package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.util.Bytes;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@link BlockChecker} that the broker-level {@code TailCommandTest} does not reach:
 * leader selection and offset-range continuity, each on a header that a quorum really signed (so only
 * the check under test can reject it).
 */
@Tag("unit")
class BlockCheckerTest {
    private final TestChain chain = new TestChain("unit");

    private BlockChecker checker() {
        return new BlockChecker("unit", chain.validators, StandardConsensusCrypto.verifier());
    }

    /** {@code h} with some fields replaced, certified by validators 0, 1, 2. */
    private BlockChecker.Result checkCertified(BlockChecker checker, BlockHeader h) {
        return checker.check(h.height(), TestChain.record("unit", h, chain.certify(h, 0, 1, 2)));
    }

    private static BlockHeader with(BlockHeader h, int proposer, int committer, List<PartitionRange> ranges) {
        return new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), h.timestampMs(), proposer, committer,
                h.commitmentPi(), ranges, h.messageCount(), h.messagesRoot(), h.stateRoot(), h.validatorSetHash());
    }

    @Test
    void aRealChainVerifiesBlockByBlock() {
        chain.next(0, "a");
        chain.next(3, "b", "c");
        chain.next(0);
        BlockChecker checker = checker();
        for (TestChain.Block b : chain.blocks) {
            assertThat(checker.check(b.header().height(), chain.record(b))).isInstanceOf(BlockChecker.Result.Verified.class);
        }
        assertThat(checker.previous()).get().extracting(VerifiedBlock::height).isEqualTo(3L);
    }

    @Test
    void anchoredAtTheChainFilesGenesisBlockOnesParentLinkIsChecked() {
        TestChain.Block first = chain.next(0, "a");
        BlockChecker checker = checker();
        checker.anchorAtGenesis(chain.genesis());
        assertThat(checker.check(1, chain.record(first))).isInstanceOf(BlockChecker.Result.Verified.class);

        BlockChecker otherGenesis = checker();
        otherGenesis.anchorAtGenesis(io.diseq.core.chain.Genesis.header("unit", chain.validators,
                TestChain.GENESIS_TIME_MS + 1));
        assertThat(otherGenesis.check(1, chain.record(first))).isInstanceOf(BlockChecker.Result.Failed.class)
                .extracting(r -> ((BlockChecker.Result.Failed) r).code()).isEqualTo("BROKEN_PARENT_LINK");

        BlockHeader h = first.header();
        BlockHeader notFromZero = with(h, h.proposerIndex(), h.committerIndex(), List.of(new PartitionRange(0, 1, 2)));
        BlockChecker fromGenesis = checker();
        fromGenesis.anchorAtGenesis(chain.genesis());
        assertThat(checkCertified(fromGenesis, notFromZero)).isInstanceOf(BlockChecker.Result.Failed.class)
                .extracting(r -> ((BlockChecker.Result.Failed) r).reason()).asString()
                .contains("starts at offset 1, the previous range there ended at 0");
    }

    @Test
    void aProposerTheVrfDidNotSelectIsRejectedEvenWithAQuorum() {
        BlockHeader h = chain.next(0, "a").header();
        BlockHeader other = with(h, (h.proposerIndex() + 1) % 4, h.committerIndex(), h.ranges());

        assertThat(checkCertified(checker(), other)).isEqualTo(new BlockChecker.Result.Failed(1, "INVALID_HEADER",
                "proposer " + other.proposerIndex() + " is not the one the VRF proof selects (" + h.proposerIndex() + ")"));
    }

    @Test
    void aWrongCommitterOrAForgedVrfProofIsRejected() {
        BlockHeader h = chain.next(0, "a").header();
        BlockHeader wrongCommitter = with(h, h.proposerIndex(), (h.committerIndex() + 1) % 4, h.ranges());
        assertThat(checkCertified(checker(), wrongCommitter)).extracting(r -> ((BlockChecker.Result.Failed) r).reason())
                .asString().contains("is not the committer of (height 1, round 0)");

        byte[] pi = h.commitmentPi().toArray();
        pi[40] ^= 1;
        BlockHeader forged = new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), h.timestampMs(),
                h.proposerIndex(), h.committerIndex(), Bytes.wrap(pi), h.ranges(), h.messageCount(), h.messagesRoot(),
                h.stateRoot(), h.validatorSetHash());
        assertThat(checkCertified(checker(), forged)).extracting(r -> ((BlockChecker.Result.Failed) r).reason())
                .isEqualTo("the committer's VRF proof does not verify");
    }

    @Test
    void aRangeThatSkipsOffsetsIsABrokenLink() {
        chain.next(0, "a", "b");
        BlockHeader second = chain.next(0, "c").header();
        BlockHeader skipping = with(second, second.proposerIndex(), second.committerIndex(),
                List.of(new PartitionRange(0, 5, 6)));
        BlockChecker checker = checker();
        checker.check(1, chain.record(chain.blocks.get(0)));

        assertThat(checkCertified(checker, skipping)).isEqualTo(new BlockChecker.Result.Failed(2, "BROKEN_PARENT_LINK",
                "range of partition 0 starts at offset 5, the previous range there ended at 2"));
    }

    @Test
    void anAnchorIsVerifiedButNotLinked() {
        chain.next(0, "a");
        chain.next(0, "b");
        chain.next(0, "c");
        BlockChecker checker = checker();
        assertThat(checker.anchorAt(2, chain.record(chain.blocks.get(1)))).isInstanceOf(BlockChecker.Result.Verified.class);
        assertThat(checker.check(3, chain.record(chain.blocks.get(2)))).isInstanceOf(BlockChecker.Result.Verified.class);
        assertThat(checker.check(2, chain.record(chain.blocks.get(1))))
                .isInstanceOf(BlockChecker.Result.Failed.class);
    }
}
