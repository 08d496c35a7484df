package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.chain.ValidatorSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of what the client reads from outside: the
 * validators file (any text gives a validator set or a {@link ClientException}, nothing else) and a
 * node's receipt JSON (any body gives a {@link ReceiptVerifier.Result}, never an exception, and is
 * Verified only for the genuine receipt of the requested message: a node cannot make the client accept
 * anything else). The receipts are of a real chain ({@link TestChain}, real Ed25519 and ECVRF).
 * Regression inputs: {@code ClientParsersFuzzTestInputs/<method>/}.
 */
@Tag("unit")
class ClientParsersFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestChain CHAIN = chain();
    private static final MessageReceipt GENUINE = CHAIN.receipt(CHAIN.blocks.get(1), 1);
    private static final ReceiptVerifier VERIFIER = new ReceiptVerifier(CHAIN.chainId, CHAIN.validators,
            StandardConsensusCrypto.verifier());

    private static TestChain chain() {
        TestChain c = new TestChain("fuzz-chain");
        c.next(0, "first");
        c.next(1, "zero", "second", "third");
        return c;
    }

    @FuzzTest(maxDuration = "2m")
    void validatorsFile(byte[] input) {
        ValidatorSet set;
        try {
            set = ValidatorsFile.parse(new String(input, StandardCharsets.UTF_8), "fuzz");
        } catch (ClientException rejected) {
            assertThat(rejected.getMessage()).startsWith("fuzz");
            return;
        }
        assertThat(set.size()).isPositive();
    }

    @FuzzTest(maxDuration = "3m")
    void receipt(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException notJson) {
            return; // NodeClient treats an unparsable body as no body
        }
        if (json == null || !json.isObject()) {
            return; // NodeClient hands only a JSON object to the verifier
        }
        ReceiptVerifier.Result result = VERIFIER.verify(GENUINE.messageId().toHex(), json);
        if (result instanceof ReceiptVerifier.Result.Verified v) {
            assertThat(v.receipt().message()).isEqualTo(GENUINE.message());
            assertThat(v.receipt().index()).isEqualTo(GENUINE.index());
            assertThat(v.receipt().header()).isEqualTo(GENUINE.header());
            assertThat(json.path("index").isIntegralNumber()).as("index is an integer, not 1.5").isTrue();
        } else {
            assertThat(((ReceiptVerifier.Result.Failed) result).code()).isNotEmpty();
        }
    }

    /** The genuine receipt's JSON as a node serves it: the seed of the receipt corpus. */
    static String genuineJson() {
        return StubNode.json(CHAIN.chainId, GENUINE).toString();
    }
}
