package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.chain.Verdict;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of offline receipt verification (docs/protocol.md
 * §7.17): a genuine receipt of a decided block, with any of its parts replaced or mutated (header and
 * certificate bytes, index, message, proof nodes), is judged by a {@link Verdict}, never an exception,
 * and is accepted only for a message the block really holds at that index. Regression inputs:
 * {@code MessageReceiptFuzzTestInputs/verify/}.
 */
@Tag("unit")
class MessageReceiptFuzzTest {
    private static final Fixture FIXTURE = new Fixture();

    /** One decided block of a scenario chain (scenario crypto: deterministic, and not forgeable by mutation). */
    private static final class Fixture {
        final Scenario scenario = Scenario.builder().selfIsBystander().start();
        final DecidedBlock block;
        final List<byte[]> payloads;

        Fixture() {
            BlockHeader b = scenario.block(0);
            scenario.inject(scenario.proposal(0, b));
            scenario.precommits(0, b, scenario.peers(3));
            block = scenario.decided().block();
            payloads = block.messages().stream().map(m -> m.payload().toArray()).toList();
        }

        MessageReceipt receipt(int i) {
            SequencedMessage m = block.messages().get(i);
            List<byte[]> stateProof = MerklePatriciaTrie.open(scenario.store, block.header().stateRoot())
                    .prove(m.messageId().toArray());
            return new MessageReceipt(block.header(), block.certificate(), i, m.payload(),
                    MerklePatriciaTrie.orderedProof(payloads, i), stateProof);
        }
    }

    @FuzzTest(maxDuration = "3m")
    void verify(FuzzedDataProvider data) {
        MessageReceipt genuine = FIXTURE.receipt(data.consumeInt(0, FIXTURE.payloads.size() - 1));
        BlockHeader header = genuine.header();
        QuorumCertificate certificate = genuine.certificate();
        try {
            if (data.consumeBoolean()) {
                header = BlockHeader.decode(mutate(header.encode(), data));
            }
            if (data.consumeBoolean()) {
                certificate = QuorumCertificate.decode(mutate(certificate.encode(), data));
            }
        } catch (RlpException notAHeaderOrCertificate) {
            return;
        }
        int index = data.consumeBoolean() ? data.consumeInt() : genuine.index();
        Bytes message = data.consumeBoolean() ? Bytes.wrap(mutate(genuine.message().toArray(), data)) : genuine.message();
        MessageReceipt r = new MessageReceipt(header, certificate, index, message, proof(genuine.messagesProof(), data),
                proof(genuine.stateProof(), data));
        Verdict verdict = r.verify(FIXTURE.scenario.config.chainId(), FIXTURE.scenario.config.validators(),
                FastTestCrypto.VERIFIER);
        if (verdict.accepted()) {
            assertThat(index).isBetween(0, FIXTURE.payloads.size() - 1);
            assertThat(message.toArray()).as("only a message the block holds at that index").isEqualTo(
                    FIXTURE.payloads.get(index));
        }
    }

    private static List<byte[]> proof(List<byte[]> genuine, FuzzedDataProvider data) {
        List<byte[]> out = new ArrayList<>(genuine);
        if (!data.consumeBoolean() || out.isEmpty()) {
            return out;
        }
        int at = data.consumeInt(0, out.size() - 1);
        switch (data.consumeInt(0, 2)) {
            case 0 -> out.remove(at);
            case 1 -> out.add(at, data.consumeBytes(120));
            default -> out.set(at, mutate(out.get(at), data));
        }
        return out;
    }

    private static byte[] mutate(byte[] bytes, FuzzedDataProvider data) {
        byte[] out = bytes.clone();
        int flips = data.consumeInt(0, 3);
        for (int i = 0; i < flips && out.length > 0; i++) {
            out[data.consumeInt(0, out.length - 1)] ^= (byte) data.consumeInt(1, 255);
        }
        return data.consumeBoolean() ? java.util.Arrays.copyOf(out, data.consumeInt(0, out.length + 2)) : out;
    }
}
