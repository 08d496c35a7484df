package io.diseq.core.runtime;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.ConsensusCrypto;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.InputRecord;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.consensus.ConsensusRules;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.consensus.SignerStateCodec;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Record and replay of a node runtime (docs/architecture.md, "Record and replay"). A recording is a sequence
 * of RLP frames: first the {@link Start} (what the runtime was built from, except the chain configuration and
 * the key, which the replayer takes from the node's configuration), then one {@link Step} per step: the local
 * time, the input, the input-log positions frozen for the step, the records that became readable since the
 * previous step, and a digest of the outputs. {@link #replay} builds the same runtime, feeds the steps and
 * compares every step's output digest: a deterministic runtime reproduces them exactly.
 */
public final class Recording {
    private Recording() {
    }

    /** What the runtime was built from. */
    public record Start(int selfIndex, SignerState signerState, ChainTip tip, List<Decision> recovered,
                        RuntimeSettings settings) {
    }

    /** One step. {@code newRecords}: the records that became readable since the previous step. */
    public record Step(long nowMs, Input input, Map<Integer, Long> positions, List<InputRecord> newRecords,
                       Bytes outputDigest) {
    }

    /** The outcome of a replay: steps replayed, and the first step whose outputs differ (−1 if none). */
    public record Result(long steps, long firstMismatch, String detail) {
        public boolean identical() {
            return firstMismatch < 0;
        }
    }

    // ---- encoding ----

    public static byte[] encode(Start s) {
        List<byte[]> decisions = new ArrayList<>();
        for (Decision d : s.recovered()) {
            decisions.add(Rlp.encodeList(d.header().encode(), d.certificate().encode()));
        }
        RuntimeSettings r = s.settings();
        byte[] settings = Rlp.encodeList(longs(r.rebroadcastIntervalMs(), r.statusIntervalMs(), r.fetchBlocks(),
                r.fetchTimeoutMs(), r.fetchBackoffMinMs(), r.fetchBackoffMaxMs(), r.lagHeights(), r.graceMs(),
                r.maxPendingBlocks(), r.storageRetryMs(), r.trieCacheBytes(), r.trieLoadBatch(), r.deferredInputs()));
        return Rlp.encodeList(Rlp.encodeLong(s.selfIndex()), Rlp.encodeBytes(SignerStateCodec.encode(s.signerState())),
                tip(s.tip()), Rlp.encodeList(decisions), settings);
    }

    public static byte[] encode(Step s) {
        List<byte[]> positions = new ArrayList<>();
        s.positions().forEach((p, pos) -> positions.add(Rlp.encodeList(Rlp.encodeLong(p), Rlp.encodeLong(pos))));
        List<byte[]> records = new ArrayList<>();
        for (InputRecord r : s.newRecords()) {
            records.add(Rlp.encodeList(Rlp.encodeLong(r.partition()), Rlp.encodeLong(r.offset()),
                    Rlp.encodeBytes(r.payload().unsafeArray())));
        }
        return Rlp.encodeList(Rlp.encodeLong(s.nowMs()), input(s.input()), Rlp.encodeList(positions),
                Rlp.encodeList(records), Rlp.encodeBytes(s.outputDigest().unsafeArray()));
    }

    private static List<byte[]> longs(long... values) {
        List<byte[]> out = new ArrayList<>();
        for (long v : values) {
            out.add(Rlp.encodeLong(v));
        }
        return out;
    }

    private static byte[] tip(ChainTip t) {
        if (t.height() == 0) {
            return Rlp.encodeList();
        }
        List<byte[]> offsets = new ArrayList<>();
        new TreeMap<>(t.nextOffsets()).forEach((p, o) -> offsets.add(Rlp.encodeList(Rlp.encodeLong(p),
                Rlp.encodeLong(o))));
        return Rlp.encodeList(t.header().encode(), Rlp.encodeBytes(t.blockId().unsafeArray()), Rlp.encodeList(offsets));
    }

    private static byte[] str(String s) {
        return Rlp.encodeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] input(Input in) {
        if (in instanceof Input.Gossip g) {
            return Rlp.encodeList(Rlp.encodeLong(2), Rlp.encodeLong(g.sender()), Rlp.encodeLong(g.type().ordinal()),
                    Rlp.encodeLong(g.height()), Rlp.encodeLong(g.round()), Rlp.encodeBytes(g.payload()));
        } else if (in instanceof Input.BlocksFetched b) {
            return Rlp.encodeList(Rlp.encodeLong(4), Rlp.encodeLong(b.requestId()), Rlp.encodeLong(b.peer()),
                    Rlp.encodeBytes(b.body()));
        } else if (in instanceof Input.FetchFailed f) {
            return Rlp.encodeList(Rlp.encodeLong(5), Rlp.encodeLong(f.requestId()), Rlp.encodeLong(f.peer()),
                    str(f.reason()));
        } else if (in instanceof Input.TrieNodesLoaded l) {
            List<byte[]> nodes = new ArrayList<>();
            new TreeMap<>(l.nodes()).forEach((h, n) -> nodes.add(Rlp.encodeList(Rlp.encodeBytes(h.unsafeArray()),
                    Rlp.encodeBytes(n))));
            return Rlp.encodeList(Rlp.encodeLong(6), Rlp.encodeLong(l.requestId()), Rlp.encodeList(nodes));
        } else if (in instanceof Input.TrieLoadFailed f) {
            return Rlp.encodeList(Rlp.encodeLong(7), Rlp.encodeLong(f.requestId()), str(f.reason()));
        } else if (in instanceof Input.BlockPersisted p) {
            return Rlp.encodeList(Rlp.encodeLong(8), Rlp.encodeLong(p.height()));
        } else if (in instanceof Input.PersistFailed f) {
            return Rlp.encodeList(Rlp.encodeLong(9), Rlp.encodeLong(f.height()), str(f.reason()));
        }
        int kind = in instanceof Input.Start ? 0 : in instanceof Input.Tick ? 1 : 3;
        return Rlp.encodeList(Rlp.encodeLong(kind));
    }

    // ---- decoding (a recording is the node's own file, but decoding is strict all the same) ----

    public static Start decodeStart(byte[] frame, ChainConfig chain) {
        RlpList l = Rlp.decode(frame).asList().expectSize(5);
        SignerState signer = SignerStateCodec.decode(l.get(1).asString().bytes());
        RlpList t = l.get(2).asList();
        ChainTip tip = Genesis.tip(chain);
        if (t.size() > 0) {
            Map<Integer, Long> offsets = new TreeMap<>();
            for (RlpItem o : t.expectSize(3).get(2).asList().items()) {
                offsets.put(o.asList().get(0).asString().asInt(), o.asList().get(1).asString().asLong());
            }
            tip = new ChainTip(BlockHeader.decode(t.get(0).asList().encoded()), t.get(1).asString().asBytes32(),
                    offsets);
        }
        List<Decision> decisions = new ArrayList<>();
        for (RlpItem d : l.get(3).asList().items()) {
            RlpList dl = d.asList().expectSize(2);
            decisions.add(new Decision(BlockHeader.decode(dl.get(0).asList().encoded()),
                    QuorumCertificate.decode(dl.get(1).asList().encoded())));
        }
        RlpList r = l.get(4).asList().expectSize(13);
        long[] v = new long[13];
        for (int i = 0; i < 13; i++) {
            v[i] = r.get(i).asString().asLong();
        }
        RuntimeSettings settings = new RuntimeSettings(v[0], v[1], (int) v[2], v[3], v[4], v[5], v[6], v[7],
                (int) v[8], v[9], v[10], (int) v[11], (int) v[12]);
        return new Start(l.get(0).asString().asInt(), signer, tip, decisions, settings);
    }

    public static Step decodeStep(byte[] frame) {
        RlpList l = Rlp.decode(frame).asList().expectSize(5);
        Map<Integer, Long> positions = new TreeMap<>();
        for (RlpItem p : l.get(2).asList().items()) {
            positions.put(p.asList().get(0).asString().asInt(), p.asList().get(1).asString().asLong());
        }
        List<InputRecord> records = new ArrayList<>();
        for (RlpItem item : l.get(3).asList().items()) {
            RlpList rl = item.asList().expectSize(3);
            records.add(new InputRecord(rl.get(0).asString().asInt(), rl.get(1).asString().asLong(),
                    Bytes.wrap(rl.get(2).asString().bytes())));
        }
        return new Step(l.get(0).asString().asLong(), decodeInput(l.get(1).asList()), positions, records,
                l.get(4).asString().asBytes32());
    }

    private static Input decodeInput(RlpList l) {
        int kind = l.get(0).asString().asInt();
        return switch (kind) {
            case 0 -> new Input.Start();
            case 1 -> new Input.Tick();
            case 2 -> new Input.Gossip(l.get(1).asString().asInt(), GossipType.values()[l.get(2).asString().asInt()],
                    l.get(3).asString().asLong(), l.get(4).asString().asInt(), l.get(5).asString().bytes());
            case 3 -> new Input.InputAppended();
            case 4 -> new Input.BlocksFetched(l.get(1).asString().asLong(), l.get(2).asString().asInt(),
                    l.get(3).asString().bytes());
            case 5 -> new Input.FetchFailed(l.get(1).asString().asLong(), l.get(2).asString().asInt(),
                    l.get(3).asString().asUtf8());
            case 6 -> {
                Map<Bytes, byte[]> nodes = new TreeMap<>();
                for (RlpItem n : l.get(2).asList().items()) {
                    nodes.put(n.asList().get(0).asString().asBytes(), n.asList().get(1).asString().bytes());
                }
                yield new Input.TrieNodesLoaded(l.get(1).asString().asLong(), nodes);
            }
            case 7 -> new Input.TrieLoadFailed(l.get(1).asString().asLong(), l.get(2).asString().asUtf8());
            case 8 -> new Input.BlockPersisted(l.get(1).asString().asLong());
            case 9 -> new Input.PersistFailed(l.get(1).asString().asLong(), l.get(2).asString().asUtf8());
            default -> throw new IllegalArgumentException("unknown input kind " + kind);
        };
    }

    // ---- digest ----

    /** A digest of a step's outputs: what must come out identically on replay. */
    public static Bytes digest(List<Output> outputs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Output o : outputs) {
            byte[] d = describe(o);
            out.write(d, 0, d.length);
        }
        return Bytes.wrap(Keccak256.hash(out.toByteArray()));
    }

    private static byte[] describe(Output o) {
        String kind = o.getClass().getSimpleName();
        byte[] detail;
        if (o instanceof Output.PersistSignerState p) {
            detail = SignerStateCodec.encode(p.state());
        } else if (o instanceof Output.PersistDecision d) {
            detail = d.certificate().encode();
        } else if (o instanceof Output.Send s) {
            detail = Rlp.encodeList(Rlp.encodeLong(s.to() + 1L), Rlp.encodeLong(s.type().ordinal()),
                    Rlp.encodeLong(s.height()), Rlp.encodeLong(s.round()), Rlp.encodeBytes(s.payload().unsafeArray()));
        } else if (o instanceof Output.PersistBlock p) {
            detail = p.block().blockId().unsafeArray();
        } else if (o instanceof Output.BlockDurable b) {
            detail = b.block().blockId().unsafeArray();
        } else if (o instanceof Output.Decided d) {
            detail = d.block().blockId().unsafeArray();
        } else if (o instanceof Output.FetchBlocks f) {
            detail = (f.requestId() + "/" + f.peer() + "/" + f.from() + "/" + f.count()).getBytes(StandardCharsets.UTF_8);
        } else if (o instanceof Output.LoadTrieNodes l) {
            detail = (l.requestId() + "/" + new java.util.TreeSet<>(l.hashes())).getBytes(StandardCharsets.UTF_8);
        } else if (o instanceof Output.InputFailed f) {
            // The exception's class, not its message or stack: the JVM's own messages (array bounds, helpful
            // null pointers) change between JDK versions and flags, and once a throw site is hot HotSpot
            // throws a preallocated instance with no message and no stack (OmitStackTraceInFastThrow), so a
            // faithful replay of the same build would not reproduce them. The class is stable under both.
            detail = (f.sender() + "/" + f.what() + "/" + f.error().getClass().getName())
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            detail = o.toString().getBytes(StandardCharsets.UTF_8); // records of strings, codes and numbers
        }
        return Rlp.encodeList(str(kind), Rlp.encodeBytes(detail));
    }

    // ---- replay ----

    /** Replays a recording's frames (the first is the start) with the node's chain and key. */
    public static Result replay(ChainConfig chain, ConsensusCrypto crypto, Iterator<byte[]> frames) {
        Start start = decodeStart(frames.next(), chain);
        ReplayInputLog log = new ReplayInputLog();
        NodeRuntime runtime = new NodeRuntime(chain, ConsensusRules.STANDARD, crypto, start.selfIndex(),
                start.signerState(), start.tip(), start.recovered(), log, start.settings());
        long steps = 0;
        while (frames.hasNext()) {
            Step s = decodeStep(frames.next());
            log.apply(s.positions(), s.newRecords());
            Bytes digest = digest(runtime.step(s.input(), s.nowMs()));
            if (!digest.equals(s.outputDigest())) {
                return new Result(steps, steps, "step " + steps + " (" + s.input().getClass().getSimpleName()
                        + " at " + s.nowMs() + ") gave other outputs");
            }
            steps++;
        }
        return new Result(steps, -1, "identical");
    }

    /** The input log of a replay: exactly the records and positions of the recording. */
    static final class ReplayInputLog implements InputLog {
        private final Map<Integer, TreeMap<Long, InputRecord>> records = new TreeMap<>();
        private Map<Integer, Long> positions = Map.of();

        void apply(Map<Integer, Long> newPositions, List<InputRecord> newRecords) {
            positions = newPositions;
            for (InputRecord r : newRecords) {
                records.computeIfAbsent(r.partition(), p -> new TreeMap<>()).put(r.offset(), r);
            }
        }

        @Override
        public List<Integer> partitions() {
            return List.copyOf(positions.keySet());
        }

        @Override
        public long readPosition(int partition) {
            return positions.getOrDefault(partition, 0L);
        }

        @Override
        public List<InputRecord> records(int partition, long fromOffset, long toOffset, int maxRecords) {
            TreeMap<Long, InputRecord> held = records.getOrDefault(partition, new TreeMap<>());
            List<InputRecord> out = new ArrayList<>();
            for (InputRecord r : held.subMap(fromOffset, toOffset).values()) {
                if (out.size() >= maxRecords) {
                    break;
                }
                out.add(r);
            }
            return out;
        }
    }
}
