package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.chain.Verdict;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.util.Bytes;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Offline receipt verification with only public keys (docs/protocol.md §7.17). */
@Tag("unit")
class MessageReceiptTest {

    private static MessageReceipt receipt(Scenario s, DecidedBlock d, int i) {
        List<byte[]> payloads = d.messages().stream().map(m -> m.payload().toArray()).toList();
        SequencedMessage m = d.messages().get(i);
        List<byte[]> stateProof = MerklePatriciaTrie.open(s.store, d.header().stateRoot()).prove(m.messageId().toArray());
        return new MessageReceipt(d.header(), d.certificate(), i, m.payload(), MerklePatriciaTrie.orderedProof(payloads, i),
                stateProof);
    }

    private static DecidedBlock decide(Scenario s) {
        var b = s.block(0);
        s.inject(s.proposal(0, b));
        s.precommits(0, b, s.peers(3));
        return s.decided().block();
    }

    @Test
    void everyMessageOfADecidedBlockHasAVerifiableReceipt() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        DecidedBlock d = decide(s);
        for (int i = 0; i < d.messages().size(); i++) {
            assertThat(receipt(s, d, i).verify(s.config.chainId(), s.config.validators(), FastTestCrypto.VERIFIER))
                    .isEqualTo(Verdict.ACCEPT);
        }
    }

    @Test
    void tamperedReceiptsAreRejected() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        DecidedBlock d = decide(s);
        MessageReceipt r = receipt(s, d, 1);
        MessageReceipt otherMessage = new MessageReceipt(r.header(), r.certificate(), 1, Bytes.wrap(new byte[] {1}),
                r.messagesProof(), r.stateProof());
        MessageReceipt wrongIndex = new MessageReceipt(r.header(), r.certificate(), 0, r.message(), r.messagesProof(),
                r.stateProof());
        QuorumCertificate weak = new QuorumCertificate(r.certificate().height(), r.certificate().round(),
                r.certificate().blockId(), r.certificate().signatures().subList(0, 2));
        MessageReceipt uncertified = new MessageReceipt(r.header(), weak, 1, r.message(), r.messagesProof(), r.stateProof());
        assertThat(code(otherMessage, s)).isEqualTo(RejectCode.BAD_PROOF);
        assertThat(code(wrongIndex, s)).isEqualTo(RejectCode.BAD_PROOF);
        assertThat(code(uncertified, s)).isEqualTo(RejectCode.BAD_CERTIFICATE);
        assertThat(r.verify("another-chain", s.config.validators(), FastTestCrypto.VERIFIER).accepted()).isFalse();
    }

    private static RejectCode code(MessageReceipt r, Scenario s) {
        return ((Verdict.Reject) r.verify(s.config.chainId(), s.config.validators(), FastTestCrypto.VERIFIER)).code();
    }
}
