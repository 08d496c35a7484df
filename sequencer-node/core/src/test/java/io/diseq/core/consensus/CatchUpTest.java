package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.DecidedBlockVerifier;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Catch-up (docs/protocol.md §7.16): a decided block from a peer is verified completely, then applied. */
@Tag("scenario")
class CatchUpTest {

    private static DecidedBlock decidedByPeers(Scenario s) {
        var b = s.block(0);
        s.inject(s.proposal(0, b));
        s.precommits(0, b, s.peers(3));
        return s.decided().block();
    }

    @Test
    void verifiesAGenuineBlockAgainstOnlyTheParentAndPublicKeys() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        DecidedBlock d = decidedByPeers(s);
        var r = DecidedBlockVerifier.verify(s.config, FastTestCrypto.VERIFIER, Genesis.tip(s.config), d.header(),
                d.certificate(), d.messages(), new InMemoryNodeStore());
        assertThat(r).isInstanceOf(DecidedBlockVerifier.Result.Verified.class);
        assertThat(((DecidedBlockVerifier.Result.Verified) r).content().stateCommit().newNodes().keySet())
                .isEqualTo(d.stateNodes().keySet());
    }

    @Test
    void rejectsMissingReorderedOrForeignMessages() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        DecidedBlock d = decidedByPeers(s);
        List<SequencedMessage> fewer = d.messages().subList(0, 2);
        List<SequencedMessage> swapped = new ArrayList<>(d.messages());
        SequencedMessage a = swapped.get(0);
        SequencedMessage b = swapped.get(1);
        swapped.set(0, new SequencedMessage(0, b.partition(), b.offset(), b.messageId(), b.payload()));
        swapped.set(1, new SequencedMessage(1, a.partition(), a.offset(), a.messageId(), a.payload()));
        List<SequencedMessage> forged = new ArrayList<>(d.messages());
        Bytes evil = Bytes.wrap("evil".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        forged.set(2, new SequencedMessage(2, a.partition(), forged.get(2).offset(),
                Bytes.wrap(io.diseq.core.crypto.Keccak256.hash(evil.toArray())), evil));
        for (List<SequencedMessage> bad : List.of(fewer, swapped, forged)) {
            var r = DecidedBlockVerifier.verify(s.config, FastTestCrypto.VERIFIER, Genesis.tip(s.config), d.header(),
                    d.certificate(), bad, new InMemoryNodeStore());
            assertThat(r).isInstanceOf(DecidedBlockVerifier.Result.Rejected.class);
            assertThat(((DecidedBlockVerifier.Result.Rejected) r).code()).isEqualTo(RejectCode.INVALID_BLOCK);
        }
    }

    @Test
    void syncedBlockOnTheSameChainIsApplied() {
        Scenario peers = Scenario.builder().selfIsBystander().start();
        DecidedBlock d = decidedByPeers(peers);
        Scenario s = Scenario.builder().selfIsBystander().selfLacksInput().start();
        assertThat(s.config.chainId()).isEqualTo(peers.config.chainId());
        s.step(new Event.SyncedBlock(d.header(), d.certificate(), d.messages()));
        assertThat(s.decided().block().tip()).isEqualTo(d.tip());
        assertThat(s.height()).isEqualTo(2);
        s.step(new Event.SyncedBlock(d.header(), d.certificate(), d.messages()));
        s.expectRejected(RejectCode.STALE_HEIGHT);
    }

    @Test
    void aSyncedBlockWithAForgedOrShortCertificateIsNeverApplied() {
        Scenario peers = Scenario.builder().selfIsBystander().start();
        DecidedBlock d = decidedByPeers(peers);
        QuorumCertificate good = d.certificate();
        List<CommitSignature> sigs = good.signatures();
        CommitSignature first = sigs.get(0);
        byte[] flipped = first.signature().toArray();
        flipped[0] ^= 1;
        List<CommitSignature> forgedSigs = new ArrayList<>(sigs);
        forgedSigs.set(0, new CommitSignature(first.validatorIndex(), Bytes.wrap(flipped)));
        List<CommitSignature> duplicated = new ArrayList<>(sigs.subList(0, sigs.size() - 1));
        duplicated.add(sigs.get(0));
        List<QuorumCertificate> bad = List.of(
                new QuorumCertificate(good.height(), good.round(), good.blockId(), forgedSigs),
                new QuorumCertificate(good.height(), good.round(), good.blockId(), sigs.subList(0, sigs.size() - 1)),
                new QuorumCertificate(good.height(), good.round(), good.blockId(), duplicated),
                new QuorumCertificate(good.height(), good.round() + 1, good.blockId(), sigs));
        for (QuorumCertificate cert : bad) {
            Scenario s = Scenario.builder().selfIsBystander().selfLacksInput().start();
            List<Effect> effects = s.step(new Event.SyncedBlock(d.header(), cert, d.messages()));
            assertThat(effects).as("certificate %s", cert).noneMatch(e -> e instanceof Effect.PersistDecidedBlock);
            s.expectRejected(RejectCode.BAD_CERTIFICATE);
            assertThat(s.height()).isEqualTo(1);
        }
    }

    /**
     * Verifying a synced block on a cold state trie (a restarted validator) names every missing node that the
     * lookups meet at once, so loading takes one round per trie level instead of one verification per node.
     */
    @Test
    void aColdTrieIsLoadedInOneRoundPerLevelNotOnePerNode() {
        Scenario s = Scenario.builder().selfIsBystander().inputRecords(300).start();
        DecidedBlock first = decidedByPeers(s);
        assertThat(s.height()).isEqualTo(2);
        DecidedBlock second = decidedByPeers(s); // the input fills two blocks
        assertThat(second.header().height()).isEqualTo(2);
        assertThat(second.messages()).isNotEmpty();

        InMemoryNodeStore cold = new InMemoryNodeStore();
        int rounds = 0;
        int widest = 0;
        DecidedBlockVerifier.Result r;
        while ((r = DecidedBlockVerifier.verify(s.config, FastTestCrypto.VERIFIER, first.tip(), second.header(),
                second.certificate(), second.messages(), cold)) instanceof DecidedBlockVerifier.Result.MissingNodes m) {
            rounds++;
            widest = Math.max(widest, m.hashes().size());
            for (Bytes h : m.hashes()) {
                assertThat(first.stateNodes()).as("a node of the parent's trie").containsKey(h);
                cold.putAll(java.util.Map.of(h, first.stateNodes().get(h)));
            }
            assertThat(rounds).as("rounds of loads").isLessThanOrEqualTo(6);
        }
        assertThat(r).isInstanceOf(DecidedBlockVerifier.Result.Verified.class);
        assertThat(widest).as("nodes named by one verification").isGreaterThan(1);
        assertThat(first.stateNodes().size()).as("the parent trie's nodes").isGreaterThan(2 * rounds);
    }
}
