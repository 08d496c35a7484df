package io.diseq.client;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.MessageAbsence;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.chain.Timeouts;
import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.crypto.ValidatorKeys;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.TrieCommit;
import io.diseq.core.util.Bytes;
import io.diseq.schemas.BlockRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real chain for tests, built the way validators build it (docs/protocol.md §6–7): four validators
 * with the real Ed25519/ECVRF keys of {@code src/test/resources/keys/}, each block's committer proving
 * its VRF output, the proposer it selects, messages and state roots from the core's tries, and a
 * certificate of real precommit signatures. Nothing is faked, so whatever a verifier accepts or
 * rejects here it would accept or reject on a real chain.
 */
final class TestChain {
    static final long GENESIS_TIME_MS = 1_767_225_600_000L;
    private static final int VALIDATORS = 4;

    /** A decided block with what a node would hold for it. */
    record Block(BlockHeader header, QuorumCertificate certificate, List<byte[]> messages) {
        Bytes id() {
            return header.id();
        }
    }

    final String chainId;
    final List<ValidatorKeys> keys = new ArrayList<>();
    final ValidatorSet validators;
    final List<Block> blocks = new ArrayList<>();
    private final InMemoryNodeStore store = new InMemoryNodeStore();
    private BlockHeader tip;
    private long nextOffset;

    TestChain(String chainId) {
        this.chainId = chainId;
        List<Validator> set = new ArrayList<>();
        for (int i = 0; i < VALIDATORS; i++) {
            ValidatorKeys k = ValidatorKeys.parseKeyFile(resource("/keys/v" + i + ".key"));
            keys.add(k);
            set.add(new Validator("v" + i, Bytes.of(k.signing().publicKey()), Bytes.of(k.vrfPublicKey()), ""));
        }
        validators = new ValidatorSet(set);
        ChainConfig config = new ChainConfig(chainId, validators, GENESIS_TIME_MS,
                new Timeouts(1000, 500, 1000, 500, 1000, 500), 100, 1 << 20, 5_000, 0);
        tip = Genesis.header(config);
    }

    /** The validators file {@code tail} and {@code receipt} read, as the devnet writes it. */
    String validatorsFile() {
        StringBuilder out = new StringBuilder("# test chain validators\n");
        for (int i = 0; i < VALIDATORS; i++) {
            out.append("v").append(i).append(' ').append(keys.get(i).identity().format())
                    .append(" http://localhost:80").append(i).append("/internal/gossip\n");
        }
        return out.toString();
    }

    /** The chain file of this chain (docs/protocol.md §7.19), as the network generator writes it. */
    String chainFile() {
        return new ChainFile(chainId, GENESIS_TIME_MS, validators).toJson();
    }

    /** The genesis header. */
    BlockHeader genesis() {
        return Genesis.header(chainId, validators, GENESIS_TIME_MS);
    }

    /** The proof that {@code id} is not in the state trie of block {@code b}. */
    MessageAbsence absence(Block b, Bytes id) {
        return new MessageAbsence(id, b.header(), b.certificate(),
                MerklePatriciaTrie.open(store, b.header().stateRoot()).prove(id.toArray()));
    }

    /** A block with the same content as {@code b} but these leaders, certified by validators 0, 1, 2 all the same. */
    Block withLeaders(Block b, int proposer, int committer) {
        BlockHeader h = b.header();
        BlockHeader forged = new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), h.timestampMs(), proposer,
                committer, h.commitmentPi(), h.ranges(), h.messageCount(), h.messagesRoot(), h.stateRoot(),
                h.validatorSetHash());
        return new Block(forged, certify(forged, 0, 1, 2), b.messages());
    }

    /** Decides the next block in round {@code round} with these messages, certified by validators 0, 1, 2. */
    Block next(int round, String... messages) {
        List<byte[]> payloads = new ArrayList<>();
        for (String m : messages) {
            payloads.add(m.getBytes(StandardCharsets.UTF_8));
        }
        BlockHeader header = header(tip.height() + 1, round, payloads);
        Block block = new Block(header, certify(header, 0, 1, 2), payloads);
        blocks.add(block);
        tip = header;
        nextOffset += payloads.size();
        return block;
    }

    private BlockHeader header(long height, int round, List<byte[]> payloads) {
        Bytes parent = tip.id();
        int committer = validators.committerIndex(height, round);
        byte[] pi = keys.get(committer).proveVrf(SignBytes.vrfAlpha(chainId, height, round, parent));
        int proposer = validators.proposerIndex(StandardConsensusCrypto.verifier()
                .vrfVerify(validators.get(committer).vrfKey(), Bytes.wrap(pi),
                        SignBytes.vrfAlpha(chainId, height, round, parent)).orElseThrow());
        MerklePatriciaTrie state = MerklePatriciaTrie.open(store, tip.stateRoot());
        for (int i = 0; i < payloads.size(); i++) {
            state.put(Keccak256.hash(payloads.get(i)), ContentRule.stateValue(height, i));
        }
        TrieCommit commit = state.commit();
        store.apply(commit);
        List<PartitionRange> ranges = payloads.isEmpty() ? List.of()
                : List.of(new PartitionRange(0, nextOffset, nextOffset + payloads.size()));
        return new BlockHeader(chainId, height, round, parent, GENESIS_TIME_MS + height * 1000, proposer, committer,
                Bytes.wrap(pi), ranges, payloads.size(), MerklePatriciaTrie.orderedRoot(payloads), commit.root(),
                validators.hash());
    }

    /** A certificate of real precommit signatures of the given validators (ascending). */
    QuorumCertificate certify(BlockHeader header, int... signers) {
        byte[] signed = SignBytes.precommit(chainId, header.height(), header.round(), header.id());
        List<CommitSignature> sigs = new ArrayList<>();
        for (int i : signers) {
            sigs.add(new CommitSignature(i, Bytes.wrap(StandardConsensusCrypto.of(keys.get(i)).sign(signed))));
        }
        return new QuorumCertificate(header.height(), header.round(), header.id(), sigs);
    }

    static BlockRecord record(String chainId, BlockHeader header, QuorumCertificate certificate) {
        return BlockRecord.of(chainId, header.height(), header.id().toArray(), header.encode(), certificate.encode(),
                header.timestampMs());
    }

    BlockRecord record(Block b) {
        return record(chainId, b.header(), b.certificate());
    }

    /** The receipt of the {@code index}-th message of {@code b}, with proofs from the tries. */
    MessageReceipt receipt(Block b, int index) {
        byte[] message = b.messages().get(index);
        List<byte[]> stateProof = MerklePatriciaTrie.open(store, b.header().stateRoot()).prove(Keccak256.hash(message));
        return new MessageReceipt(b.header(), b.certificate(), index, Bytes.of(message),
                MerklePatriciaTrie.orderedProof(b.messages(), index), stateProof);
    }

    private static String resource(String name) {
        try (InputStream in = TestChain.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
