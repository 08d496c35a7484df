package io.diseq.node.gossip;

import io.diseq.core.runtime.GossipType;
import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.crypto.ValidatorKeys;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import io.diseq.node.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class GossipVerifierTest {
    private static final ValidatorSet SET = validatorSet();
    private final GossipVerifier verifier = new GossipVerifier("devnet", SET, 0, 16);
    private final GossipSigner v1 = new GossipSigner("devnet", 1, TestKeys.validator(1).signing());

    @Test
    void signBytesAreTaggedRlpOfEveryField() {
        byte[] bytes = GossipEnvelope.signBytes("devnet", 1, 2, 3, GossipType.PREVOTE, 4, Bytes.wrap(new byte[] {7}));

        // tag ‖ RLP([ "devnet", 1, 2, 3, "PREVOTE", 4, 0x07 ]), pinned to catch accidental format changes.
        assertThat(Hex.encode(bytes)).isEqualTo(Hex.encode(GossipEnvelope.TAG.getBytes(StandardCharsets.US_ASCII))
                + "d4" + "86" + Hex.encode("devnet".getBytes(StandardCharsets.US_ASCII)) + "010203"
                + "87" + Hex.encode("PREVOTE".getBytes(StandardCharsets.US_ASCII)) + "04" + "07");
    }

    @Test
    void acceptsAPeersSignedEnvelopeOnce() {
        GossipEnvelope e = v1.sign(5, 0, GossipType.PREVOTE, Bytes.wrap(new byte[] {1, 2}));
        byte[] body = EnvelopeJson.of(e).toBytes();

        assertThat(verifier.verify(body)).isEqualTo(new GossipVerdict.Accept(e));
        assertThat(code(verifier.verify(body))).isEqualTo(GossipRejectCode.REPLAYED);
    }

    @Test
    void rejectsEachKindOfBadEnvelopeWithItsCode() {
        GossipEnvelope good = v1.sign(5, 0, GossipType.PROPOSAL, Bytes.wrap(new byte[] {9}));
        GossipEnvelope otherChain = new GossipSigner("other", 1, TestKeys.validator(1).signing())
                .sign(5, 0, GossipType.PROPOSAL, Bytes.EMPTY);
        GossipEnvelope unknown = new GossipSigner("devnet", 9, TestKeys.validator(1).signing())
                .sign(5, 0, GossipType.PROPOSAL, Bytes.EMPTY);
        GossipEnvelope fromSelf = new GossipSigner("devnet", 0, TestKeys.validator(0).signing())
                .sign(5, 0, GossipType.PROPOSAL, Bytes.EMPTY);
        GossipEnvelope wrongKey = new GossipSigner("devnet", 1, TestKeys.validator(2).signing())
                .sign(5, 0, GossipType.PROPOSAL, Bytes.EMPTY);
        GossipEnvelope tampered = new GossipEnvelope(good.chainId(), good.sender(), good.height() + 1, good.round(),
                good.type(), good.sequence(), good.payload(), good.signature());

        assertThat(code(verify(otherChain))).isEqualTo(GossipRejectCode.WRONG_CHAIN);
        assertThat(code(verify(unknown))).isEqualTo(GossipRejectCode.UNKNOWN_SENDER);
        assertThat(code(verify(fromSelf))).isEqualTo(GossipRejectCode.UNKNOWN_SENDER);
        assertThat(code(verify(wrongKey))).isEqualTo(GossipRejectCode.BAD_SIGNATURE);
        assertThat(code(verify(tampered))).isEqualTo(GossipRejectCode.BAD_SIGNATURE);
        assertThat(verify(good)).isInstanceOf(GossipVerdict.Accept.class);
    }

    @Test
    void forgedEnvelopesDoNotConsumeTheSendersSequence() {
        GossipEnvelope real = v1.sign(5, 0, GossipType.PREVOTE, Bytes.EMPTY);
        GossipEnvelope forged = new GossipEnvelope("devnet", 1, 5, 0, GossipType.PREVOTE, real.sequence(),
                Bytes.EMPTY, Bytes.wrap(new byte[64]));

        assertThat(code(verify(forged))).isEqualTo(GossipRejectCode.BAD_SIGNATURE);
        assertThat(verify(real)).isInstanceOf(GossipVerdict.Accept.class);
    }

    @Test
    void malformedBodiesAreRejectedAsMalformed() {
        List<String> bodies = List.of("", "{", "[]", "null", "{\"chainId\":\"devnet\"}",
                "{\"chainId\":\"devnet\",\"sender\":1,\"height\":1,\"round\":0,\"type\":\"NOPE\",\"sequence\":1,"
                        + "\"payload\":\"\",\"signature\":\"00\"}",
                "{\"chainId\":\"devnet\",\"sender\":1.5,\"height\":1,\"round\":0,\"type\":\"PREVOTE\",\"sequence\":1,"
                        + "\"payload\":\"\",\"signature\":\"00\"}",
                "{\"chainId\":\"devnet\",\"sender\":1,\"height\":1,\"round\":0,\"type\":\"PREVOTE\",\"sequence\":1,"
                        + "\"payload\":\"zz\",\"signature\":\"00\"}",
                "{\"chainId\":\"devnet\",\"sender\":1,\"height\":-1,\"round\":0,\"type\":\"PREVOTE\",\"sequence\":1,"
                        + "\"payload\":\"\",\"signature\":\"00\"}",
                "{\"chainId\":\"devnet\",\"sender\":1,\"height\":1,\"round\":0,\"type\":\"PREVOTE\",\"sequence\":1,"
                        + "\"payload\":\"\",\"signature\":\"00\",\"extra\":1}");

        for (String body : bodies) {
            assertThat(code(verifier.verify(body.getBytes(StandardCharsets.UTF_8)))).as(body)
                    .isEqualTo(GossipRejectCode.MALFORMED);
        }
    }

    @Test
    void replayWindowToleratesReorderingButNotRepeatsOrAncientSequences() {
        ReplayGuard guard = new ReplayGuard(2, 8);

        assertThat(guard.accept(1, 100)).isTrue();
        assertThat(guard.accept(1, 97)).isTrue();
        assertThat(guard.accept(1, 97)).isFalse();
        assertThat(guard.accept(1, 100)).isFalse();
        assertThat(guard.accept(1, 92)).isFalse();
        assertThat(guard.accept(1, 110)).isTrue();
        assertThat(guard.accept(1, 101)).isFalse();
        assertThat(guard.accept(1, 105)).isTrue();
        assertThat(guard.accept(0, 1)).isTrue();
    }

    @Test
    void retryBackoffIsBoundedAndJittered() {
        RetryPolicy policy = new RetryPolicy(5, 10, 40);
        for (int attempt = 1; attempt <= 10; attempt++) {
            long cap = Math.min(40, 10L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                assertThat(policy.backoffMs(attempt)).isBetween(0L, cap);
            }
        }
    }

    private GossipVerdict verify(GossipEnvelope e) {
        return verifier.verify(EnvelopeJson.of(e).toBytes());
    }

    private static GossipRejectCode code(GossipVerdict v) {
        assertThat(v).isInstanceOf(GossipVerdict.Reject.class);
        return ((GossipVerdict.Reject) v).code();
    }

    private static ValidatorSet validatorSet() {
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ValidatorKeys k = TestKeys.validator(i);
            validators.add(new Validator("v" + i, Bytes.of(k.signing().publicKey()), Bytes.of(k.vrfPublicKey()),
                    "http://v" + i));
        }
        return new ValidatorSet(validators);
    }
}
