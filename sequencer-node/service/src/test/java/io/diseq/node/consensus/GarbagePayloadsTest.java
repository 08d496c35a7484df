package io.diseq.node.consensus;

import static io.diseq.node.consensus.ClusterChecks.assertNoFork;
import static io.diseq.node.consensus.ClusterChecks.height;
import static io.diseq.node.consensus.ClusterChecks.messages;
import static io.diseq.node.consensus.ClusterChecks.produce;
import static io.diseq.node.consensus.ClusterChecks.sequenced;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.consensus.Commitment;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.MessageCodec;
import io.diseq.core.consensus.Proposal;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import io.diseq.core.crypto.ValidatorKeys;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.util.Bytes;
import io.diseq.node.gossip.EnvelopeJson;
import io.diseq.node.gossip.GossipEnvelope;
import io.diseq.node.gossip.GossipSigner;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.Payloads;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.Cluster;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import io.diseq.node.testing.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, end to end: a real network of four validators in which validator 3 is byzantine. Its key is
 * held by this test, not by a running node; the test signs well-formed envelopes ({@link GossipSigner},
 * so every one passes the transport's checks) whose payloads are garbage of every kind (the empty list
 * {@code c0} as each type, truncated and randomly mutated valid messages, payloads of the wrong kind for
 * the envelope type, oversized lists, STATUS garbage, a proposal whose polka holds an empty list, ...)
 * and posts them to the three honest validators over HTTP. Three of four is a quorum, so the chain must
 * keep finalizing meanwhile, every health check stays green, and the malformed-payload counters grow.
 * Before the decoders were total, the first {@code c0} PREVOTE stopped each honest driver for good.
 */
@Tag("integration")
class GarbagePayloadsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int BYZANTINE = 3;
    private static final int MUTATIONS_PER_MESSAGE = 120;

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One envelope to send: its type, the payload, and whether every honest node must count it malformed. */
    private record Garbage(String what, GossipType type, long height, int round, byte[] payload, boolean malformed) {}

    @Test
    void garbageFromOneSignedValidatorNeverStopsTheHonestQuorum() {
        try (Cluster c = new Cluster("garbage", 4, KAFKA, PG, ConsensusClusterTest.FAST)) {
            for (int i = 0; i < BYZANTINE; i++) {
                c.start(i);
            }
            produce(KAFKA, c.chainId(), messages("before", 50));
            awaitSequenced(c, 50);

            BlockHeader tip = BlockHeader.decode(c.store(0).latest().orElseThrow().headerRlp());
            List<Garbage> garbage = garbage(c, tip);
            long definitelyMalformed = garbage.stream().filter(Garbage::malformed).count();
            long[] malformedBefore = new long[BYZANTINE];
            for (int i = 0; i < BYZANTINE; i++) {
                malformedBefore[i] = malformedCount(c, i);
            }

            produce(KAFKA, c.chainId(), messages("during", 50));
            GossipSigner signer = new GossipSigner(c.chainId(), BYZANTINE, TestKeys.validator(BYZANTINE).signing());
            for (Garbage g : garbage) {
                GossipEnvelope e = signer.sign(g.height(), g.round(), g.type(), Bytes.wrap(g.payload()));
                for (int i = 0; i < BYZANTINE; i++) {
                    assertThat(postAccepted(c, i, e)).as(g.what() + " to validator " + i).isEqualTo(202);
                }
            }
            produce(KAFKA, c.chainId(), messages("after", 50));
            awaitSequenced(c, 150);

            for (int i = 0; i < BYZANTINE; i++) {
                int v = i;
                Await.until(DEADLINE, () -> "validator " + v + " counted " + definitelyMalformed
                        + " malformed payloads: " + (malformedCount(c, v) - malformedBefore[v]),
                        () -> malformedCount(c, v) - malformedBefore[v] >= definitelyMalformed);
                assertThat(height(c, i)).as("validator " + i + " kept finalizing").isGreaterThan(tip.height());
                assertHealthy(c, i);
            }
            assertNoFork(c);
        }
    }

    /** Every kind of garbage, each under the envelope height and round of the message it garbles. */
    private static List<Garbage> garbage(Cluster c, BlockHeader tip) {
        long h = tip.height() + 1;
        List<ConsensusMessage> valid = validMessages(c, tip);
        List<Garbage> out = new ArrayList<>();
        byte[] emptyList = {(byte) 0xc0};
        for (GossipType t : GossipType.values()) {
            out.add(new Garbage("c0 as " + t, t, h, 0, emptyList, true));
        }
        for (int kind = 1; kind <= 4; kind++) {
            out.add(new Garbage("kind " + kind + " alone", type(kind), h, 0, Rlp.encodeList(Rlp.encodeLong(kind)), true));
        }
        for (ConsensusMessage m : valid) {
            byte[] bytes = MessageCodec.encode(m);
            GossipType t = Payloads.typeOf(m);
            out.add(new Garbage("valid " + t, t, m.height(), m.round(), bytes, false));
            for (int cut : new int[] {1, bytes.length / 2, bytes.length - 1}) {
                out.add(new Garbage("truncated " + t, t, m.height(), m.round(), Arrays.copyOf(bytes, cut), true));
            }
            out.add(new Garbage(t + " as STATUS", GossipType.STATUS, m.height(), m.round(), bytes, true));
            GossipType wrong = t == GossipType.PROPOSAL ? GossipType.PREVOTE : GossipType.PROPOSAL;
            out.add(new Garbage(t + " as " + wrong, wrong, m.height(), m.round(), bytes, true));
            out.add(new Garbage(t + " at another height", t, m.height() + 1, m.round(), bytes, true));
        }
        Proposal proposal = (Proposal) valid.get(2);
        out.add(new Garbage("polka holds an empty list", GossipType.PROPOSAL, h, proposal.round(),
                withPolka(proposal, List.of(emptyList)), true));
        out.add(new Garbage("polka holds a proposal", GossipType.PROPOSAL, h, proposal.round(),
                withPolka(proposal, List.of(MessageCodec.encode(proposal))), true));
        out.add(new Garbage("polka of 2000 prevotes", GossipType.PROPOSAL, h, proposal.round(),
                withPolka(proposal, Collections.nCopies(2000, MessageCodec.encode(valid.get(0)))), false));
        out.add(new Garbage("20000 empty lists", GossipType.PROPOSAL, h, 0,
                Rlp.encodeList(Collections.nCopies(20_000, emptyList)), true));
        out.add(new Garbage("lists nested 100 deep", GossipType.PREVOTE, h, 0, nested(100), true));
        out.addAll(statusGarbage(h));
        out.addAll(mutations(valid, new Random(20261210L)));
        return out;
    }

    /** A prevote, a precommit, a proposal and a commitment that validator 3 really signed for height h. */
    private static List<ConsensusMessage> validMessages(Cluster c, BlockHeader tip) {
        String chain = c.chainId();
        ValidatorKeys keys = TestKeys.validator(BYZANTINE);
        StandardConsensusCrypto crypto = StandardConsensusCrypto.of(keys);
        long h = tip.height() + 1;
        int round = Math.floorMod(BYZANTINE - h, 4); // validator 3 is the committer of (h, round)
        Bytes parent = tip.id();
        Bytes pi = Bytes.wrap(keys.proveVrf(SignBytes.vrfAlpha(chain, h, round, parent)));
        Commitment commitment = new Commitment(chain, h, round, BYZANTINE, pi,
                Bytes.wrap(crypto.sign(SignBytes.commitment(chain, h, round, pi))));
        BlockHeader block = new BlockHeader(chain, h, round, parent, tip.timestampMs() + 1, BYZANTINE, BYZANTINE, pi,
                List.of(), 0, MerklePatriciaTrie.EMPTY_ROOT, tip.stateRoot(), c.chain().validators().hash());
        Proposal proposal = new Proposal(chain, h, round, -1, block, block.id(), commitment, BYZANTINE,
                Bytes.wrap(crypto.sign(SignBytes.proposal(chain, h, round, -1, block.id(), pi))));
        Vote prevote = new Vote(VoteType.PREVOTE, chain, h, 0, null, BYZANTINE,
                Bytes.wrap(crypto.sign(SignBytes.prevote(chain, h, 0, null))));
        Vote precommit = new Vote(VoteType.PRECOMMIT, chain, h, 0, null, BYZANTINE,
                Bytes.wrap(crypto.sign(SignBytes.precommit(chain, h, 0, null))));
        return List.of(prevote, precommit, proposal, commitment);
    }

    /** The proposal's encoding with its polka (item 9) replaced by these raw items. */
    private static byte[] withPolka(Proposal p, List<byte[]> polka) {
        RlpList l = Rlp.decode(MessageCodec.encode(p)).asList();
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            items.add(l.get(i).encoded());
        }
        items.add(Rlp.encodeList(polka));
        return Rlp.encodeList(items);
    }

    private static List<Garbage> statusGarbage(long h) {
        byte[] id = new byte[32];
        return List.of(
                new Garbage("status without id", GossipType.STATUS, h, 0, Rlp.encodeList(Rlp.encodeLong(h - 1)), true),
                new Garbage("status with a 31-byte id", GossipType.STATUS, h, 0,
                        Rlp.encodeList(Rlp.encodeLong(h - 1), Rlp.encodeBytes(new byte[31])), true),
                new Garbage("status with a 9-byte height", GossipType.STATUS, h, 0,
                        Rlp.encodeList(Rlp.encodeBytes(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0}), Rlp.encodeBytes(id)), true),
                new Garbage("status with a third item", GossipType.STATUS, h, 0,
                        Rlp.encodeList(Rlp.encodeLong(h - 1), Rlp.encodeBytes(id), Rlp.encodeLong(1)), true),
                new Garbage("status as a string", GossipType.STATUS, h, 0, Rlp.encodeBytes(id), true),
                new Garbage("status with a list for a height", GossipType.STATUS, h, 0,
                        Rlp.encodeList(Rlp.encodeList(), Rlp.encodeBytes(id)), true),
                new Garbage("empty status", GossipType.STATUS, h, 0, new byte[0], true));
    }

    /** Seeded random mutations of the valid messages: bit flips, byte changes, cuts and insertions. */
    private static List<Garbage> mutations(List<ConsensusMessage> valid, Random random) {
        List<Garbage> out = new ArrayList<>();
        for (ConsensusMessage m : valid) {
            byte[] bytes = MessageCodec.encode(m);
            GossipType t = Payloads.typeOf(m);
            for (int i = 0; i < MUTATIONS_PER_MESSAGE; i++) {
                out.add(new Garbage("mutated " + t + " #" + i, t, m.height(), m.round(), mutate(bytes, random), false));
            }
        }
        return out;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] out = valid.clone();
        int at = random.nextInt(out.length);
        switch (random.nextInt(4)) {
            case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> out[at] = (byte) random.nextInt(256);
            case 2 -> out = Arrays.copyOf(out, at);
            default -> {
                byte[] longer = new byte[out.length + 1];
                System.arraycopy(out, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                out = longer;
            }
        }
        return out;
    }

    private static byte[] nested(int depth) {
        byte[] item = Rlp.encodeList();
        for (int i = 1; i < depth; i++) {
            item = Rlp.encodeList(item);
        }
        return item;
    }

    private static GossipType type(int kind) {
        return List.of(GossipType.COMMITMENT, GossipType.PROPOSAL, GossipType.PREVOTE, GossipType.PRECOMMIT).get(kind - 1);
    }

    /** Posts the envelope; a 429 (inbox full) is retried until the deadline, any other status is returned. */
    private int postAccepted(Cluster c, int i, GossipEnvelope e) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.gossipPort(i) + "/internal/gossip"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EnvelopeJson.of(e).toBytes())).build();
        int[] status = new int[1];
        Await.until(DEADLINE, "validator " + i + " takes the envelope", () -> {
            status[0] = send(request);
            return status[0] != 429;
        });
        return status[0];
    }

    private int send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long malformedCount(Cluster c, int i) {
        return c.metrics(i).counter("consensus.gossip.malformed").getCount();
    }

    private static void awaitSequenced(Cluster c, long count) {
        for (int i = 0; i < BYZANTINE; i++) {
            int v = i;
            Await.until(DEADLINE, () -> "validator " + v + " sequenced " + count + " messages, has " + sequenced(c, v)
                    + ": " + c.describe(), () -> sequenced(c, v) >= count);
            assertThat(sequenced(c, i)).isEqualTo(count);
        }
    }

    private static void assertHealthy(Cluster c, int i) {
        Map<String, HealthCheck.Result> results = c.healthChecks(i).runHealthChecks();
        results.forEach((name, result) -> assertThat(result.isHealthy())
                .as("health check " + name + " of validator " + i + ": " + result.getMessage()).isTrue());
    }
}
