package io.diseq.core.sim;

import io.diseq.core.chain.BlockContent;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.consensus.Commitment;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Proposal;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import io.diseq.core.sim.SimNode.Outgoing;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Byzantine validators as wrappers around a real core (docs/simulation.md, "Byzantine behaviours"): each
 * one lets its own honest core run and transforms what it emits, crafting extra or different messages
 * signed with that validator's key. The core itself is never modified. Only proposals that the wrapped
 * core really produced are equivocated, so the crafted block is one the byzantine proposer was entitled to
 * propose, with the real commitment of its slot.
 */
final class Byzantines {
    private Byzantines() {
    }

    static SimNode.Behaviour behaviour(FaultMix.Byzantine kind, Simulation sim) {
        Crafter c = new Crafter(sim);
        return switch (kind) {
            case SILENT -> (self, m) -> List.of();
            case WITHHELD_COMMITMENT -> (self, m) -> m instanceof Commitment ? List.of() : all(m);
            case FORGED_COMMITMENT -> (self, m) -> m instanceof Commitment cm ? c.split(self, m, c.forged(self, cm)) : all(m);
            case EQUIVOCATING_PROPOSER -> (self, m) -> m instanceof Proposal p && p.validRound() == -1
                    ? c.split(self, m, c.equivocation(self, p)) : all(m);
            case DOUBLE_VOTER -> (self, m) -> m instanceof Vote v ? c.split(self, m, c.otherVote(self, v)) : all(m);
            case INVALID_BLOCK -> (self, m) -> m instanceof Proposal p && p.validRound() == -1
                    ? all(c.invalid(self, p)) : all(m);
            case WRONG_CHAIN -> (self, m) -> List.of(new Outgoing(-1, m), new Outgoing(-1, c.otherChain(self, m)));
            case REPLAY_OLD_ROUNDS -> new Replayer(sim.random)::transform;
            case LOCK_BREAKER -> new LockBreaker(c);
            case GARBAGE -> new GarbageSender(sim.random);
            case GRIND_VRF -> (self, m) -> m instanceof Commitment cm ? all(c.ground(self, cm)) : all(m);
            case SKIP_RANGE -> (self, m) -> m instanceof Proposal p && p.validRound() == -1
                    ? all(c.skipped(self, p)) : all(m);
            case NIL_PRECOMMITS -> (self, m) -> m instanceof Vote v && v.type() == VoteType.PRECOMMIT
                    ? all(c.vote(self, v, v.chainId(), null)) : List.of();
            case FLOOD_ROUNDS -> throw new IllegalArgumentException("flooders share one RoundFlood: use flooder()");
        };
    }

    /** A flooder of {@link FaultMix.Byzantine#FLOOD_ROUNDS}: its core's messages pass, the shared flood adds rounds. */
    static SimNode.Behaviour flooder(RoundFlood flood) {
        return new SimNode.Behaviour() {
            @Override
            public List<Outgoing> transform(SimNode self, ConsensusMessage m) {
                flood.seen(m);
                return all(m);
            }

            @Override
            public boolean admit(ConsensusMessage m) {
                flood.seen(m);
                return true;
            }
        };
    }

    /** A colluder of the split-lock plan (docs/simulation.md, "Split-lock plan"). */
    static SimNode.Behaviour colluder(Simulation sim, LockSplit plan, int validator) {
        return new Colluder(new Crafter(sim), plan, validator);
    }

    private static List<Outgoing> all(ConsensusMessage m) {
        return List.of(new Outgoing(-1, m));
    }

    /**
     * The lock-breaking attack: a vote for a block reaches only one random peer (the others get a nil vote),
     * so honest nodes see different polkas and a single honest node may decide while the rest stay locked; its core never sees other
     * validators' precommits, so it stays at the height with them (it catches up by sync); and instead of
     * re-proposing its valid value it proposes a fresh block of the current round, prevoting and precommitting
     * that block in that round whatever its core decided. Honest validators locked on another block must not
     * follow it.
     */
    private static final class LockBreaker implements SimNode.Behaviour {
        private final Crafter crafter;
        private long height = -1;
        private final java.util.Map<Integer, Bytes> freshByRound = new java.util.HashMap<>();

        LockBreaker(Crafter crafter) {
            this.crafter = crafter;
        }

        @Override
        public boolean admit(ConsensusMessage m) {
            return !(m instanceof Vote v && v.type() == io.diseq.core.consensus.VoteType.PRECOMMIT);
        }

        @Override
        public List<Outgoing> transform(SimNode self, ConsensusMessage m) {
            if (m.height() != height) {
                height = m.height();
                freshByRound.clear();
            }
            if (m instanceof Proposal p && p.validRound() >= 0) {
                Proposal fresh = crafter.fresh(self, p);
                freshByRound.put(p.round(), fresh.blockId());
                return all(fresh);
            }
            Bytes fresh = freshByRound.get(m.round());
            if (m instanceof Vote v && fresh != null) {
                return all(fresh.equals(v.blockId()) ? v : crafter.vote(self, v, v.chainId(), fresh));
            }
            if (m instanceof Vote v && !v.isNil()) {
                return crafter.toOne(self, v, crafter.vote(self, v, v.chainId(), null));
            }
            return all(m);
        }
    }

    /**
     * A colluding validator of {@link LockSplit}: at the target height, in the target round r, prevotes A towards
     * the decider and the locked group and nil towards the unlocked group, and precommits A towards the decider
     * only (nil towards the rest); after r, proposes a fresh block instead of re-proposing A and votes for the
     * round's other block wherever one was proposed. Its core never sees the decider's precommit for A, so it
     * sees at most f+1 of them and stays undecided at the target height (at the next height it would be a sync
     * source for A), yet it sees enough precommits to time out and keep pace with the honest rounds. Other
     * heights, and everything after the heal, pass unchanged.
     */
    private static final class Colluder implements SimNode.Behaviour {
        private final Crafter crafter;
        private final LockSplit plan;
        private final int validator;
        private final java.util.Set<Integer> usurped = new java.util.HashSet<>();

        Colluder(Crafter crafter, LockSplit plan, int validator) {
            this.crafter = crafter;
            this.plan = plan;
            this.validator = validator;
        }

        /** Keeps the decider's precommit for A from its core: with it, the core could decide A. */
        @Override
        public boolean admit(ConsensusMessage m) {
            if (plan.belowLock && m instanceof Vote v) {
                plan.polkaVote(v);
            }
            if (m instanceof Commitment c) {
                usurp(c);
            }
            return !(plan.attacking(m.height()) && m instanceof Vote v
                    && v.type() == io.diseq.core.consensus.VoteType.PRECOMMIT
                    && v.validatorIndex() == plan.decider() && plan.target().equals(v.blockId()));
        }

        @Override
        public List<Outgoing> transform(SimNode self, ConsensusMessage m) {
            if (plan.belowLock) {
                List<Outgoing> out = belowLock(self, m);
                if (out != null) {
                    return out;
                }
            }
            if (!plan.attacking(m.height()) || m.round() < plan.targetRound()) {
                return all(m);
            }
            if (m instanceof Proposal p) {
                return p.round() > plan.targetRound() && p.validRound() >= 0 ? all(crafter.fresh(self, p)) : all(m);
            }
            if (!(m instanceof Vote v)) {
                return all(m);
            }
            if (v.round() == plan.targetRound()) {
                return split(self, v);
            }
            Bytes other = plan.alternative(v.round());
            return other == null || other.equals(v.blockId()) ? all(v) : all(crafter.vote(self, v, v.chainId(), other));
        }

        /** The below-lock part of the plan, or null where the ordinary split-lock colluder acts. */
        private List<Outgoing> belowLock(SimNode self, ConsensusMessage m) {
            if (plan.inRoundB(m) && m instanceof Vote v) {
                Vote forB = crafter.vote(self, v, v.chainId(), plan.b());
                Vote nil = crafter.vote(self, v, v.chainId(), null);
                plan.polkaVote(forB);
                List<Outgoing> out = new ArrayList<>();
                for (SimNode peer : crafter.sim.nodes) {
                    if (peer != self) {
                        boolean colluding = !peer.honest();
                        out.add(new Outgoing(peer.instance, v.type() == VoteType.PREVOTE && colluding ? forB : nil));
                    }
                }
                return out;
            }
            if (m instanceof Commitment c) {
                usurp(c);
                return null;
            }
            if (m instanceof Proposal p && p.height() == plan.height && p.round() > plan.roundB()) {
                if (plan.reproposing(p.height()) && p.round() > plan.targetRound()) {
                    Proposal rb = reproposeB(p.round(), p.commitment(), self.validator);
                    return rb == null ? all(m) : all(rb);
                }
                if (plan.target() == null && p.validRound() >= 0) {
                    return all(crafter.fresh(self, p)); // no re-proposal of B before the attack
                }
            }
            return null;
        }

        /** B re-proposed at {@code round} with B's round as validRound and the collected polka, or null. */
        private Proposal reproposeB(int round, Commitment c, int proposer) {
            List<Vote> polka = plan.bPolka();
            if (polka == null || c == null) {
                return null;
            }
            long h = plan.height;
            byte[] signBytes = SignBytes.proposal(c.chainId(), h, round, plan.roundB(), plan.b(), c.pi());
            return new Proposal(c.chainId(), h, round, plan.roundB(), plan.bHeader(), plan.b(), c, proposer,
                    Bytes.wrap(crafter.sim.keys.signAs(validator, signBytes)), polka);
        }

        /**
         * In a round whose commitment selects someone else, the colluder proposes B itself as soon as it knows the
         * commitment: a proposal from a validator the VRF did not select.
         */
        private void usurp(Commitment c) {
            if (!plan.reproposing(c.height()) || c.round() <= plan.targetRound() || !usurped.add(c.round())) {
                return;
            }
            int selected = io.diseq.core.chain.Leaders.proposer(crafter.sim.chain, crafter.sim.keys, c.height(),
                    c.round(), plan.bHeader().parentHash(), c.pi());
            SimNode self = crafter.sim.nodes.get(validator);
            Proposal p = selected == validator || !self.up() ? null : reproposeB(c.round(), c, validator);
            if (p == null) {
                return;
            }
            SimChecks.onSent(crafter.sim, false, p);
            for (SimNode peer : crafter.sim.nodes) {
                if (peer != self) {
                    crafter.sim.network.send(self.instance, peer.instance, Packet.of(self.validator, p));
                }
            }
        }

        private List<Outgoing> split(SimNode self, Vote v) {
            Vote forA = crafter.vote(self, v, v.chainId(), plan.target());
            Vote nil = crafter.vote(self, v, v.chainId(), null);
            boolean prevote = v.type() == io.diseq.core.consensus.VoteType.PREVOTE;
            List<Outgoing> out = new ArrayList<>();
            for (SimNode peer : crafter.sim.nodes) {
                if (peer != self) {
                    boolean getsA = prevote ? !plan.unlocked(peer.instance) : peer.instance == plan.decider();
                    out.add(new Outgoing(peer.instance, getsA ? forA : nil));
                }
            }
            return out;
        }
    }

    /** Re-sends, with each new message, one of its earlier messages (old heights and rounds). */
    private static final class Replayer {
        private final SplittableRandom random;
        private final List<ConsensusMessage> old = new ArrayList<>();

        Replayer(SplittableRandom random) {
            this.random = random;
        }

        List<Outgoing> transform(SimNode self, ConsensusMessage m) {
            List<Outgoing> out = new ArrayList<>();
            out.add(new Outgoing(-1, m));
            if (!old.isEmpty()) {
                out.add(new Outgoing(-1, old.get(random.nextInt(old.size()))));
            }
            if (old.size() < 256) {
                old.add(m);
            } else {
                old.set(random.nextInt(old.size()), m);
            }
            return out;
        }
    }

    /** Crafts messages signed with the byzantine validator's own keys. */
    private static final class Crafter {
        private final Simulation sim;
        private final SplittableRandom random;

        Crafter(Simulation sim) {
            this.sim = sim;
            this.random = sim.random;
        }

        /** Sends {@code a} to one random other instance and {@code b} to all the others. */
        List<Outgoing> toOne(SimNode self, ConsensusMessage a, ConsensusMessage b) {
            int chosen = random.nextInt(sim.nodes.size() - 1);
            List<Outgoing> out = new ArrayList<>();
            int k = 0;
            for (SimNode peer : sim.nodes) {
                if (peer != self) {
                    out.add(new Outgoing(peer.instance, k++ == chosen ? a : b));
                }
            }
            return out;
        }

        /** Sends {@code a} to a random part of the other instances and {@code b} to the rest. */
        List<Outgoing> split(SimNode self, ConsensusMessage a, ConsensusMessage b) {
            List<Outgoing> out = new ArrayList<>();
            for (SimNode peer : sim.nodes) {
                if (peer != self) {
                    out.add(new Outgoing(peer.instance, random.nextBoolean() ? a : b));
                }
            }
            return out;
        }

        private Bytes sign(SimNode self, byte[] signBytes) {
            return Bytes.wrap(sim.keys.signAs(self.validator, signBytes));
        }

        /** A commitment to a pi that is not the committer's proof for this slot: random, or another slot's. */
        Commitment forged(SimNode self, Commitment c) {
            Bytes pi;
            if (random.nextBoolean()) {
                byte[] bytes = new byte[c.pi().length()];
                random.nextBytes(bytes);
                pi = Bytes.wrap(bytes);
            } else {
                byte[] alpha = SignBytes.vrfAlpha(c.chainId(), c.height(), c.round() + 1, self.core().tip().blockId());
                pi = Bytes.wrap(sim.keys.proveAs(self.validator, alpha));
            }
            return new Commitment(c.chainId(), c.height(), c.round(), c.committerIndex(), pi,
                    sign(self, SignBytes.commitment(c.chainId(), c.height(), c.round(), pi)));
        }

        /** A second, valid block for the same slot: shorter ranges when possible, else a later timestamp. */
        Proposal equivocation(SimNode self, Proposal p) {
            BlockHeader h = p.block();
            List<PartitionRange> ranges = new ArrayList<>(h.ranges());
            BlockHeader other = null;
            if (!ranges.isEmpty()) {
                ranges.remove(ranges.size() - 1);
                other = withContent(self, h, ranges);
            }
            if (other == null) {
                other = retime(h, h.timestampMs() + 1 + random.nextInt(5));
            }
            return reproposal(self, p, other);
        }

        private BlockHeader withContent(SimNode self, BlockHeader h, List<PartitionRange> ranges) {
            ChainTip tip = self.core().tip();
            ContentRule.Outcome o = ContentRule.recompute(sim.chain, tip, h.height(), ranges, self.inputLog(),
                    self.nodes());
            if (!(o instanceof ContentRule.Outcome.Available a)) {
                return null;
            }
            BlockContent content = a.content();
            return new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), h.timestampMs(),
                    h.proposerIndex(), h.committerIndex(), h.commitmentPi(), content.ranges(),
                    content.messages().size(), content.messagesRoot(), content.stateRoot(), h.validatorSetHash());
        }

        private static BlockHeader retime(BlockHeader h, long timestampMs) {
            return new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), timestampMs,
                    h.proposerIndex(), h.committerIndex(), h.commitmentPi(), h.ranges(), h.messageCount(),
                    h.messagesRoot(), h.stateRoot(), h.validatorSetHash());
        }

        private Proposal reproposal(SimNode self, Proposal p, BlockHeader block) {
            Bytes id = block.id();
            byte[] signBytes = SignBytes.proposal(p.chainId(), p.height(), p.round(), p.validRound(), id,
                    p.commitment().pi());
            return new Proposal(p.chainId(), p.height(), p.round(), p.validRound(), block, id, p.commitment(),
                    p.proposerIndex(), sign(self, signBytes));
        }

        /**
         * Instead of re-proposing its valid value (validRound ≥ 0), a fresh block of the current round from the
         * proposer's own input log: locked honest validators must prevote nil on it.
         */
        Proposal fresh(SimNode self, Proposal p) {
            ChainTip tip = self.core().tip();
            BlockContent content = ContentRule.assemble(sim.chain, tip, p.height(), self.inputLog(), self.nodes());
            long timestamp = Math.max(self.localNowMs(), tip.header().timestampMs() + 1);
            BlockHeader h = new BlockHeader(p.chainId(), p.height(), p.round(), tip.blockId(), timestamp,
                    p.proposerIndex(), p.commitment().committerIndex(), p.commitment().pi(), content.ranges(),
                    content.messages().size(), content.messagesRoot(), content.stateRoot(),
                    sim.chain.validators().hash());
            Bytes id = h.id();
            byte[] signBytes = SignBytes.proposal(p.chainId(), p.height(), p.round(), -1, id, p.commitment().pi());
            return new Proposal(p.chainId(), p.height(), p.round(), -1, h, id, p.commitment(), p.proposerIndex(),
                    sign(self, signBytes));
        }

        /**
         * The committer's commitment with a forged pi instead, ground (up to 256 tries) so that the output a core
         * that does not verify proofs derives from it ({@link BrokenRules#unverifiedOutput}) selects an honest-looking
         * validator other than the real proposer and this one.
         */
        Commitment ground(SimNode self, Commitment c) {
            int n = sim.chain.validators().size();
            int real = io.diseq.core.chain.Leaders.proposer(sim.chain, sim.keys, c.height(), c.round(),
                    self.core().tip().blockId(), c.pi());
            byte[] bytes = new byte[c.pi().length()];
            for (int i = 0; i < 256; i++) {
                random.nextBytes(bytes);
                Bytes pi = Bytes.wrap(bytes.clone());
                int chosen = new java.math.BigInteger(1, BrokenRules.unverifiedOutput(pi))
                        .mod(java.math.BigInteger.valueOf(n)).intValue();
                if (chosen != real && chosen != self.validator) {
                    return new Commitment(c.chainId(), c.height(), c.round(), c.committerIndex(), pi,
                            sign(self, SignBytes.commitment(c.chainId(), c.height(), c.round(), pi)));
                }
            }
            return c;
        }

        /**
         * The proposal with its first range starting one offset late (the record at the next unsequenced offset
         * is skipped) and count and roots recomputed for the records the shifted range holds, so only the range
         * rule can reject it; the proposal itself if the input log does not hold the shifted range.
         */
        Proposal skipped(SimNode self, Proposal p) {
            BlockHeader h = p.block();
            if (h.ranges().isEmpty()) {
                return p;
            }
            List<PartitionRange> ranges = new ArrayList<>(h.ranges());
            PartitionRange r = ranges.get(0);
            ranges.set(0, new PartitionRange(r.partition(), r.firstOffset() + 1, Math.max(r.endOffset(), r.firstOffset() + 2)));
            ContentRule.Outcome o = ContentRule.recompute(sim.chain, self.core().tip(), h.height(), ranges,
                    self.inputLog(), self.durable.nodes, false);
            if (!(o instanceof ContentRule.Outcome.Available a)) {
                return p;
            }
            BlockContent content = a.content();
            BlockHeader other = new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), h.timestampMs(),
                    h.proposerIndex(), h.committerIndex(), h.commitmentPi(), ranges, content.messages().size(),
                    content.messagesRoot(), content.stateRoot(), h.validatorSetHash());
            return reproposal(self, p, other);
        }

        /** The same vote for another value: nil for a block, a made-up block id for nil. */
        Vote otherVote(SimNode self, Vote v) {
            Bytes other = null;
            if (v.isNil()) {
                byte[] id = new byte[BlockHeader.HASH_LENGTH];
                random.nextBytes(id);
                other = Bytes.wrap(id);
            }
            return vote(self, v, v.chainId(), other);
        }

        Vote vote(SimNode self, Vote v, String chainId, Bytes blockId) {
            byte[] signBytes = v.type() == io.diseq.core.consensus.VoteType.PREVOTE
                    ? SignBytes.prevote(chainId, v.height(), v.round(), blockId)
                    : SignBytes.precommit(chainId, v.height(), v.round(), blockId);
            return new Vote(v.type(), chainId, v.height(), v.round(), blockId, v.validatorIndex(), sign(self, signBytes));
        }

        /** One of the invalid blocks the content rule must reject, properly signed by the proposer. */
        Proposal invalid(SimNode self, Proposal p) {
            return reproposal(self, p, InvalidBlocks.mutate(p.block(), self, sim, random));
        }

        /** The same message signed for another chain id. */
        ConsensusMessage otherChain(SimNode self, ConsensusMessage m) {
            String other = "other-" + m.chainId();
            if (m instanceof Vote v) {
                return vote(self, v, other, v.blockId());
            }
            if (m instanceof Commitment c) {
                return new Commitment(other, c.height(), c.round(), c.committerIndex(), c.pi(),
                        sign(self, SignBytes.commitment(other, c.height(), c.round(), c.pi())));
            }
            Proposal p = (Proposal) m;
            byte[] signBytes = SignBytes.proposal(other, p.height(), p.round(), p.validRound(), p.blockId(),
                    p.commitment().pi());
            return new Proposal(other, p.height(), p.round(), p.validRound(), p.block(), p.blockId(), p.commitment(),
                    p.proposerIndex(), sign(self, signBytes));
        }
    }
}
