package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.BlockContent;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.Leaders;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.chain.Timeouts;
import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A scenario-test context (style.md tier 2): one real {@link ConsensusCore} as validator {@code self},
 * scripted peers that sign with {@link FastTestCrypto}, and time advanced by hand. Built with
 * {@link #builder()}; peers' blocks are assembled from {@link #peerLog}, the core reads {@link #selfLog}.
 */
final class Scenario {
    final ChainConfig config;
    final int self;
    final TestInputLog peerLog;
    final TestInputLog selfLog;
    final InMemoryNodeStore store = new InMemoryNodeStore();
    ConsensusCore core;
    long nowMs;
    final List<Effect> all = new ArrayList<>();
    List<Effect> last = List.of();

    private Scenario(ChainConfig config, int self, int records, boolean selfHoldsInput) {
        this.config = config;
        this.self = self;
        this.peerLog = new TestInputLog(2);
        this.selfLog = new TestInputLog(2);
        for (int i = 0; i < records; i++) {
            byte[] payload = ("record-" + i).getBytes(StandardCharsets.UTF_8);
            peerLog.append(i % 2, payload);
            if (selfHoldsInput) {
                selfLog.append(i % 2, payload);
            }
        }
        this.nowMs = config.genesisTimeMs() + 10_000;
        this.core = new ConsensusCore(config, crypto(self), self, SignerState.INITIAL, Genesis.tip(config), selfLog, store);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Fluent construction: validator count, who the core is, how much input it holds. */
    static final class Builder {
        private int n = 4;
        private int records = 3;
        private boolean selfHoldsInput = true;
        private long emptyBlockIntervalMs;
        private Predicate<Layout> layout = l -> true;
        private int roleArgument;
        private LayoutRole role = LayoutRole.FIXED;

        Builder validators(int count) {
            n = count;
            return this;
        }

        Builder inputRecords(int count) {
            records = count;
            return this;
        }

        /** The core's own log is empty: peers' blocks name records it does not hold yet. */
        Builder selfLacksInput() {
            selfHoldsInput = false;
            return this;
        }

        Builder emptyBlockIntervalMs(long ms) {
            emptyBlockIntervalMs = ms;
            return this;
        }

        /** The core is the selected proposer of round {@code round} at height 1. */
        Builder selfProposesRound(int round) {
            role = LayoutRole.PROPOSER;
            roleArgument = round;
            return this;
        }

        /** The core is validator {@code index}. */
        Builder self(int index) {
            role = LayoutRole.FIXED;
            roleArgument = index;
            return this;
        }

        /** The core is neither committer nor proposer in rounds 0..2 at height 1. */
        Builder selfIsBystander() {
            role = LayoutRole.BYSTANDER;
            return this;
        }

        /** Extra condition on the proposer layout of height 1 (tried over deterministic chain ids). */
        Builder layout(Predicate<Layout> condition) {
            layout = condition;
            return this;
        }

        Scenario start() {
            for (int attempt = 0; attempt < 10_000; attempt++) {
                ChainConfig config = config("scenario-" + attempt);
                Layout l = new Layout(config);
                int self = role.pick(l, roleArgument);
                if (self >= 0 && layout.test(l.withSelf(self))) {
                    Scenario s = new Scenario(config, self, records, selfHoldsInput);
                    s.step(new Event.Start());
                    return s;
                }
            }
            throw new IllegalStateException("no chain id gives the requested layout");
        }

        private ChainConfig config(String chainId) {
            List<Validator> vs = new ArrayList<>(TestChains.validators(n).validators());
            return new ChainConfig(chainId, new ValidatorSet(vs), TestChains.GENESIS_TIME_MS,
                    new Timeouts(1000, 500, 1000, 500, 1000, 500), 100, 1 << 20, 5_000, emptyBlockIntervalMs);
        }
    }

    enum LayoutRole {
        FIXED, PROPOSER, BYSTANDER;

        int pick(Layout l, int argument) {
            switch (this) {
                case PROPOSER:
                    return l.proposer(argument);
                case BYSTANDER:
                    for (int v = 0; v < l.n(); v++) {
                        boolean busy = false;
                        for (int r = 0; r < 3; r++) {
                            busy |= l.proposer(r) == v || l.committer(r) == v;
                        }
                        if (!busy) {
                            return v;
                        }
                    }
                    return -1;
                default:
                    return argument;
            }
        }
    }

    /** Committers and VRF-selected proposers of height 1 on a chain. */
    record Layout(ChainConfig config, int self) {
        Layout(ChainConfig config) {
            this(config, -1);
        }

        Layout withSelf(int s) {
            return new Layout(config, s);
        }

        int n() {
            return config.validators().size();
        }

        int committer(int round) {
            return config.validators().committerIndex(1, round);
        }

        int proposer(int round) {
            Bytes pi = Bytes.wrap(crypto(committer(round)).vrfProve(
                    SignBytes.vrfAlpha(config.chainId(), 1, round, Genesis.tip(config).blockId())));
            return Leaders.proposer(config, crypto(0), 1, round, Genesis.tip(config).blockId(), pi);
        }
    }

    static FastTestCrypto crypto(int validator) {
        return FastTestCrypto.forValidator(validator);
    }

    // ---- driving ----

    List<Effect> step(Event event) {
        last = core.step(event, nowMs);
        all.addAll(last);
        for (Effect e : last) {
            if (e instanceof Effect.PersistDecidedBlock d) {
                store.putAll(d.block().stateNodes());
            }
        }
        return last;
    }

    List<Effect> inject(ConsensusMessage m) {
        return step(new Event.MessageReceived(m));
    }

    Scenario advanceMs(long ms) {
        nowMs += ms;
        return this;
    }

    List<Effect> fire(TimeoutStep step, int round) {
        return step(new Event.TimeoutFired(core.status().height(), round, step));
    }

    /** Copies every peer record into the core's log and tells the core. */
    List<Effect> deliverInput() {
        for (int p : peerLog.partitions()) {
            for (var r : peerLog.records(p, selfLog.readPosition(p), peerLog.readPosition(p), Integer.MAX_VALUE)) {
                selfLog.append(p, r.payload().toArray());
            }
        }
        return step(new Event.InputAvailable());
    }

    /** Restarts the core from what the driver persisted so far (signer state, decided tip). */
    Scenario restart() {
        SignerState persisted = SignerState.INITIAL;
        ChainTip tip = Genesis.tip(config);
        for (Effect e : all) {
            if (e instanceof Effect.PersistSignerState p) {
                persisted = p.state();
            } else if (e instanceof Effect.PersistDecidedBlock d) {
                tip = d.block().tip();
            }
        }
        core = new ConsensusCore(config, crypto(self), self, persisted, tip, selfLog, store);
        all.clear();
        step(new Event.Start());
        return this;
    }

    // ---- scripted peers ----

    long height() {
        return core.status().height();
    }

    int committer(int round) {
        return config.validators().committerIndex(height(), round);
    }

    Commitment commitment(int round) {
        int c = committer(round);
        Bytes pi = Bytes.wrap(crypto(c).vrfProve(SignBytes.vrfAlpha(config.chainId(), height(), round, core.tip().blockId())));
        return signed(new Commitment(config.chainId(), height(), round, c, pi, null));
    }

    int proposer(int round) {
        return Leaders.proposer(config, crypto(0), height(), round, core.tip().blockId(), commitment(round).pi());
    }

    /** The block the round's proposer builds from the peers' log. */
    BlockHeader block(int round) {
        return block(round, UnaryOperator.identity());
    }

    /** As {@link #block(int)}, edited (e.g. to corrupt a root). */
    BlockHeader block(int round, UnaryOperator<BlockHeader> edit) {
        ChainTip tip = core.tip();
        BlockContent c = ContentRule.assemble(config, tip, height(), peerLog, store);
        Commitment com = commitment(round);
        BlockHeader h = new BlockHeader(config.chainId(), height(), round, tip.blockId(),
                Math.max(nowMs, tip.header().timestampMs() + 1), proposer(round), com.committerIndex(), com.pi(),
                c.ranges(), c.messages().size(), c.messagesRoot(), c.stateRoot(), config.validators().hash());
        return edit.apply(h);
    }

    /** An empty block (no ranges) for the round: a different value from {@link #block(int)} when input exists. */
    BlockHeader emptyBlock(int round) {
        ChainTip tip = core.tip();
        Commitment com = commitment(round);
        return new BlockHeader(config.chainId(), height(), round, tip.blockId(),
                Math.max(nowMs, tip.header().timestampMs() + 1), proposer(round), com.committerIndex(), com.pi(),
                List.of(), 0, io.diseq.core.trie.MerklePatriciaTrie.EMPTY_ROOT, tip.header().stateRoot(),
                config.validators().hash());
    }

    Proposal proposal(int round, BlockHeader block) {
        return proposal(round, -1, block);
    }

    Proposal proposal(int round, int validRound, BlockHeader block) {
        return signed(new Proposal(config.chainId(), height(), round, validRound, block, block.id(), commitment(round),
                proposer(round), null));
    }

    Vote prevote(int validator, int round, BlockHeader block) {
        return vote(VoteType.PREVOTE, validator, round, block == null ? null : block.id());
    }

    Vote precommit(int validator, int round, BlockHeader block) {
        return vote(VoteType.PRECOMMIT, validator, round, block == null ? null : block.id());
    }

    Vote vote(VoteType type, int validator, int round, Bytes blockId) {
        return signed(new Vote(type, config.chainId(), height(), round, blockId, validator, null));
    }

    /** Injects prevotes for {@code block} (null = nil) from every validator in {@code from}. */
    Scenario prevotes(int round, BlockHeader block, int... from) {
        for (int v : from) {
            inject(prevote(v, round, block));
        }
        return this;
    }

    Scenario precommits(int round, BlockHeader block, int... from) {
        for (int v : from) {
            inject(precommit(v, round, block));
        }
        return this;
    }

    /** Validators other than the core, first {@code count} of them. */
    int[] peers(int count) {
        int[] out = new int[count];
        int k = 0;
        for (int v = 0; v < config.validators().size() && k < count; v++) {
            if (v != self) {
                out[k++] = v;
            }
        }
        assertThat(k).isEqualTo(count);
        return out;
    }

    @SuppressWarnings("unchecked")
    static <M extends ConsensusMessage> M signed(M m) {
        FastTestCrypto c = crypto(m.sender());
        Bytes sig = Bytes.wrap(c.sign(m.signBytes()));
        return (M) withSignature(m, sig);
    }

    static ConsensusMessage withSignature(ConsensusMessage m, Bytes sig) {
        if (m instanceof Commitment c) {
            return new Commitment(c.chainId(), c.height(), c.round(), c.committerIndex(), c.pi(), sig);
        }
        if (m instanceof Proposal p) {
            return new Proposal(p.chainId(), p.height(), p.round(), p.validRound(), p.block(), p.blockId(), p.commitment(),
                    p.proposerIndex(), sig);
        }
        Vote v = (Vote) m;
        return new Vote(v.type(), v.chainId(), v.height(), v.round(), v.blockId(), v.validatorIndex(), sig);
    }

    // ---- expectations ----

    <E extends Effect> List<E> lastOf(Class<E> type) {
        return last.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<ConsensusMessage> broadcastLast() {
        return lastOf(Effect.Broadcast.class).stream().map(Effect.Broadcast::message).toList();
    }

    /** The vote of the given type the last step broadcast (exactly one). */
    Vote sentVote(VoteType type) {
        List<Vote> votes = broadcastLast().stream().filter(m -> m instanceof Vote v && v.type() == type)
                .map(Vote.class::cast).toList();
        assertThat(votes).as("%s broadcast in the last step: %s", type, last).hasSize(1);
        return votes.get(0);
    }

    void expectPrevote(BlockHeader block) {
        assertThat(sentVote(VoteType.PREVOTE).blockId()).isEqualTo(block == null ? null : block.id());
    }

    void expectPrecommit(BlockHeader block) {
        assertThat(sentVote(VoteType.PRECOMMIT).blockId()).isEqualTo(block == null ? null : block.id());
    }

    void expectNoVote() {
        assertThat(broadcastLast()).as("nothing voted: %s", last).noneMatch(m -> m instanceof Vote);
    }

    void expectRejected(RejectCode code) {
        assertThat(lastOf(Effect.Rejected.class)).as("rejections in %s", last).extracting(Effect.Rejected::code)
                .contains(code);
    }

    void expectTimeout(TimeoutStep step, int round) {
        assertThat(lastOf(Effect.ScheduleTimeout.class)).as("timeouts in %s", last)
                .anyMatch(t -> t.step() == step && t.round() == round);
    }

    Effect.PersistDecidedBlock decided() {
        List<Effect.PersistDecidedBlock> d = lastOf(Effect.PersistDecidedBlock.class);
        assertThat(d).as("decisions in %s", last).hasSize(1);
        return d.get(0);
    }
}
