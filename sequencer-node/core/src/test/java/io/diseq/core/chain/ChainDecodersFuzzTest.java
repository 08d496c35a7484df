package io.diseq.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.diseq.core.rlp.RlpException;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of the block header (docs/protocol.md §7.3) and
 * quorum certificate (§7.10) decoders, which read headers and certificates from peers, the block topic
 * and receipts: any bytes decode or are rejected with an {@link RlpException} (a stable code), nothing
 * else; an accepted input is the canonical encoding of what it decoded to. Regression inputs:
 * {@code ChainDecodersFuzzTestInputs/<method>/}.
 */
@Tag("unit")
class ChainDecodersFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void blockHeader(byte[] input) {
        BlockHeader header;
        try {
            header = BlockHeader.decode(input);
        } catch (RlpException rejected) {
            return;
        }
        assertThat(header.encode()).as("canonical").isEqualTo(input);
    }

    @FuzzTest(maxDuration = "2m")
    void quorumCertificate(byte[] input) {
        QuorumCertificate certificate;
        try {
            certificate = QuorumCertificate.decode(input);
        } catch (RlpException rejected) {
            return;
        }
        assertThat(certificate.encode()).as("canonical").isEqualTo(input);
    }
}
