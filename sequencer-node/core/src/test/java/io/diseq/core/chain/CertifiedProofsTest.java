package io.diseq.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.TrieCommit;
import io.diseq.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Receipts (docs/protocol.md §7.17) and absence proofs (§7.20) with the real Ed25519 and ECVRF: a
 * header that a quorum certified is still refused when its committer, its VRF proof or the proposer
 * the proof selects is wrong (the §7.6 checks apply to a receipt's header); an absence proof holds
 * only for an id the state trie does not contain, under a certified header or this chain's genesis.
 */
@Tag("unit")
class CertifiedProofsTest {
    private static final String CHAIN = "proofs-test";
    private static final ConsensusVerifier VERIFY = StandardConsensusCrypto.verifier();

    private final List<StandardConsensusCrypto> keys = new ArrayList<>();
    private final ValidatorSet validators;
    private final InMemoryNodeStore store = new InMemoryNodeStore();
    private final BlockHeader genesis;
    private final List<byte[]> messages = List.of(bytes("alpha"), bytes("beta"), bytes("gamma"));
    private final BlockHeader block1;

    CertifiedProofsTest() {
        List<Validator> set = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            StandardConsensusCrypto c = new StandardConsensusCrypto(Keccak256.hash(new byte[] {7, (byte) i}),
                    Keccak256.hash(new byte[] {8, (byte) i}));
            keys.add(c);
            set.add(new Validator("v" + i, c.signingKey(), c.vrfKey(), ""));
        }
        validators = new ValidatorSet(set);
        genesis = Genesis.header(CHAIN, validators, 1_767_225_600_000L);
        block1 = header(1, 0, genesis, messages);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A header built as a proposer would: the committer's real proof and the proposer it selects. */
    private BlockHeader header(long height, int round, BlockHeader parent, List<byte[]> payloads) {
        int committer = validators.committerIndex(height, round);
        byte[] alpha = SignBytes.vrfAlpha(CHAIN, height, round, parent.id());
        Bytes pi = Bytes.wrap(keys.get(committer).vrfProve(alpha));
        int proposer = validators.proposerIndex(VERIFY.vrfVerify(validators.get(committer).vrfKey(), pi, alpha)
                .orElseThrow());
        MerklePatriciaTrie state = MerklePatriciaTrie.open(store, parent.stateRoot());
        for (int i = 0; i < payloads.size(); i++) {
            state.put(Keccak256.hash(payloads.get(i)), ContentRule.stateValue(height, i));
        }
        TrieCommit commit = state.commit();
        store.apply(commit);
        return new BlockHeader(CHAIN, height, round, parent.id(), parent.timestampMs() + 1000, proposer, committer, pi,
                List.of(new PartitionRange(0, 0, payloads.size())), payloads.size(),
                MerklePatriciaTrie.orderedRoot(payloads), commit.root(), validators.hash());
    }

    /** Real precommits of v0, v1, v2 for whatever header it is given. */
    private QuorumCertificate certify(BlockHeader h) {
        byte[] signed = SignBytes.precommit(CHAIN, h.height(), h.round(), h.id());
        List<CommitSignature> sigs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sigs.add(new CommitSignature(i, Bytes.wrap(keys.get(i).sign(signed))));
        }
        return new QuorumCertificate(h.height(), h.round(), h.id(), sigs);
    }

    private MessageReceipt receipt(BlockHeader h, int index) {
        byte[] m = messages.get(index);
        return new MessageReceipt(h, certify(h), index, Bytes.of(m), MerklePatriciaTrie.orderedProof(messages, index),
                MerklePatriciaTrie.open(store, h.stateRoot()).prove(Keccak256.hash(m)));
    }

    private MessageAbsence absence(BlockHeader h, Bytes id) {
        return new MessageAbsence(id, h, certify(h), MerklePatriciaTrie.open(store, h.stateRoot()).prove(id.toArray()));
    }

    private static BlockHeader withLeaders(BlockHeader h, int proposer, int committer, Bytes pi) {
        return new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), h.timestampMs(), proposer, committer,
                pi, h.ranges(), h.messageCount(), h.messagesRoot(), h.stateRoot(), h.validatorSetHash());
    }

    private static RejectCode code(Verdict v) {
        assertThat(v).isInstanceOf(Verdict.Reject.class);
        return ((Verdict.Reject) v).code();
    }

    @Test
    void genuineReceiptsVerify() {
        for (int i = 0; i < messages.size(); i++) {
            assertThat(receipt(block1, i).verify(CHAIN, validators, VERIFY)).isEqualTo(Verdict.ACCEPT);
        }
    }

    @Test
    void aCertifiedReceiptWhoseHeaderNamesAnotherProposerIsRejected() {
        BlockHeader forged = withLeaders(block1, (block1.proposerIndex() + 1) % 4, block1.committerIndex(),
                block1.commitmentPi());
        MessageReceipt r = receipt(forged, 1);
        assertThat(r.certificate().verify(CHAIN, validators, VERIFY, forged.height(), forged.id()))
                .as("a quorum did sign the forged header").isEqualTo(Verdict.ACCEPT);
        assertThat(code(r.verify(CHAIN, validators, VERIFY))).isEqualTo(RejectCode.WRONG_PROPOSER);
    }

    @Test
    void aCertifiedReceiptWithAWrongCommitterOrAForgedVrfProofIsRejected() {
        BlockHeader wrongCommitter = withLeaders(block1, block1.proposerIndex(), (block1.committerIndex() + 1) % 4,
                block1.commitmentPi());
        byte[] pi = block1.commitmentPi().toArray();
        pi[40] ^= 1;
        BlockHeader forgedPi = withLeaders(block1, block1.proposerIndex(), block1.committerIndex(), Bytes.wrap(pi));
        assertThat(code(receipt(wrongCommitter, 0).verify(CHAIN, validators, VERIFY))).isEqualTo(RejectCode.WRONG_COMMITTER);
        assertThat(code(receipt(forgedPi, 0).verify(CHAIN, validators, VERIFY))).isEqualTo(RejectCode.BAD_VRF_PROOF);
    }

    @Test
    void anIdNotInTheStateTrieHasAVerifiableAbsenceProof() {
        Bytes unknown = Bytes.wrap(Keccak256.hash(bytes("never sent")));
        assertThat(absence(block1, unknown).verify(CHAIN, validators, VERIFY)).isEqualTo(Verdict.ACCEPT);
        BlockHeader block2 = header(2, 0, block1, List.of(bytes("delta")));
        assertThat(absence(block2, unknown).verify(CHAIN, validators, VERIFY)).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void absenceCannotBeShownForASequencedIdNorWithABrokenProofOrHeader() {
        Bytes sequenced = Bytes.wrap(Keccak256.hash(messages.get(1)));
        Bytes unknown = Bytes.wrap(Keccak256.hash(bytes("never sent")));
        assertThat(code(absence(block1, sequenced).verify(CHAIN, validators, VERIFY))).isEqualTo(RejectCode.BAD_PROOF);

        MessageAbsence genuine = absence(block1, unknown);
        List<byte[]> tampered = new ArrayList<>(genuine.stateProof());
        byte[] node = tampered.get(tampered.size() - 1).clone();
        node[node.length - 1] ^= 1;
        tampered.set(tampered.size() - 1, node);
        assertThat(code(new MessageAbsence(unknown, block1, genuine.certificate(), tampered)
                .verify(CHAIN, validators, VERIFY))).isEqualTo(RejectCode.BAD_PROOF);

        QuorumCertificate weak = new QuorumCertificate(1, 0, block1.id(), genuine.certificate().signatures().subList(0, 2));
        assertThat(code(new MessageAbsence(unknown, block1, weak, genuine.stateProof()).verify(CHAIN, validators, VERIFY)))
                .isEqualTo(RejectCode.BAD_CERTIFICATE);
        assertThat(code(new MessageAbsence(unknown, block1, null, genuine.stateProof()).verify(CHAIN, validators, VERIFY)))
                .isEqualTo(RejectCode.BAD_CERTIFICATE);
        BlockHeader forged = withLeaders(block1, (block1.proposerIndex() + 1) % 4, block1.committerIndex(),
                block1.commitmentPi());
        assertThat(code(absence(forged, unknown).verify(CHAIN, validators, VERIFY))).isEqualTo(RejectCode.WRONG_PROPOSER);
        assertThat(code(genuine.verify("other-chain", validators, VERIFY))).isEqualTo(RejectCode.WRONG_CHAIN);
    }

    @Test
    void beforeTheFirstBlockTheGenesisHeaderProvesAbsenceWithoutACertificate() {
        Bytes unknown = Bytes.wrap(Keccak256.hash(bytes("anything")));
        List<byte[]> emptyTrie = List.of(new byte[] {(byte) 0x80});
        assertThat(new MessageAbsence(unknown, genesis, null, emptyTrie).verify(CHAIN, validators, VERIFY))
                .isEqualTo(Verdict.ACCEPT);
        BlockHeader notGenesis = new BlockHeader(CHAIN, 0, 0, genesis.parentHash(), genesis.timestampMs(), 1, 0,
                Bytes.EMPTY, List.of(), 0, genesis.messagesRoot(), genesis.stateRoot(), validators.hash());
        assertThat(code(new MessageAbsence(unknown, notGenesis, null, emptyTrie).verify(CHAIN, validators, VERIFY)))
                .isEqualTo(RejectCode.INVALID_BLOCK);
        assertThat(code(new MessageAbsence(unknown, genesis, certify(genesis), emptyTrie)
                .verify(CHAIN, validators, VERIFY))).isEqualTo(RejectCode.BAD_CERTIFICATE);
    }
}
