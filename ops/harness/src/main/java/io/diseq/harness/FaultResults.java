package io.diseq.harness;

import io.diseq.harness.FaultSchedule.Fault;
import io.diseq.harness.FaultSchedule.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The figures of one fault run, as written to the JSON report (field names are the JSON's). */
final class FaultResults {
    /** A restarted validator votes again within 10 s of being up (issue 13). */
    static final long VOTE_TARGET_MS = 10_000;
    /** After one validator's fault, the others decide their next height within 5 s. */
    static final long NEXT_HEIGHT_TARGET_MS = 5_000;

    private FaultResults() {
    }

    /**
     * One process brought back: {@code upMs} from its start to its admin port answering (0 for a thaw or a
     * heal), {@code firstVoteMs} from its start (or thaw) to its first prevote or precommit
     * ({@code consensus.votes.sent}), {@code caughtUpMs} from its start (or thaw, heal) to the chain's height.
     */
    record Restart(String process, long upMs, Long firstVoteMs, Long caughtUpMs, String note) {
        Long voteAfterUpMs() {
            return firstVoteMs == null ? null : firstVoteMs - upMs;
        }
    }

    /**
     * One applied fault. {@code nextDecidedMs}: from the fault to the first height above {@code heightAtFault}
     * on a validator the fault did not hit ({@code /v1/status}); {@code nextPublishedMs}: to the first such
     * record of {@code <chain>.blocks}, if it arrived during the hold. HALT: {@code haltedFrom}/{@code haltedTo}
     * are the survivors' height 2 s after the kill and at the restart ({@code halted}: equal), {@code resumedMs}
     * from the restart to the next height; ingest and broker faults: {@code resumedMs} from the restart to the
     * next block record. {@code healthyMs}: from the recovery until every validator was within one height of the tip.
     */
    record FaultOutcome(int index, Kind kind, List<String> targets, long holdMs, long delayMs, String startedAt,
                        long heightAtFault, Long nextDecidedMs, Long nextPublishedMs, Long haltedFrom, Long haltedTo,
                        Boolean halted, Long resumedMs, List<Restart> restarts, Long healthyMs, List<String> notes) {
        String summary() {
            StringBuilder s = new StringBuilder();
            if (nextDecidedMs != null) {
                s.append("next height in ").append(nextDecidedMs).append(" ms; ");
            }
            if (halted != null) {
                s.append(halted ? "halted at " + haltedTo : "DID NOT HALT: " + haltedFrom + " -> " + haltedTo).append("; ");
            }
            if (resumedMs != null) {
                s.append("resumed in ").append(resumedMs).append(" ms; ");
            }
            for (Restart r : restarts) {
                s.append(r.process()).append(" up ").append(r.upMs()).append(" ms, vote ").append(r.firstVoteMs())
                        .append(" ms, caught up ").append(r.caughtUpMs()).append(" ms; ");
            }
            s.append("healthy after ").append(healthyMs).append(" ms");
            notes.forEach(n -> s.append("; ").append(n));
            return s.toString();
        }

        static final class Builder {
            private final Fault fault;
            private final String startedAt;
            private long heightAtFault;
            private Long nextDecidedMs;
            private Long nextPublishedMs;
            private Long haltedFrom;
            private Long haltedTo;
            private Long resumedMs;
            private Long healthyMs;
            private final List<Restart> restarts = new ArrayList<>();
            private final List<String> notes = new ArrayList<>();

            Builder(Fault fault, String startedAt) {
                this.fault = fault;
                this.startedAt = startedAt;
            }

            void heightAtFault(long h) {
                heightAtFault = h;
            }

            void nextHeight(Long decided, Long published) {
                nextDecidedMs = decided;
                nextPublishedMs = published;
            }

            void halt(long from, long to) {
                haltedFrom = from;
                haltedTo = to;
            }

            void resumed(Long ms) {
                resumedMs = ms;
            }

            void restart(Restart r) {
                restarts.add(r);
            }

            void healthy(Long ms) {
                healthyMs = ms;
            }

            void note(String note) {
                notes.add(note);
            }

            FaultOutcome build() {
                return new FaultOutcome(fault.index(), fault.kind(), fault.targets().stream().map(t -> "v" + t).toList(),
                        fault.holdMs(), fault.delayMs(), startedAt, heightAtFault, nextDecidedMs, nextPublishedMs,
                        haltedFrom, haltedTo, haltedFrom == null ? null : Objects.equals(haltedFrom, haltedTo),
                        resumedMs, List.copyOf(restarts), healthyMs, List.copyOf(notes));
            }
        }
    }

    /** Extremes of a set of durations (ms); {@code missing} counts those that never happened in the deadline. */
    record Spread(int count, int missing, Long median, Long max, int withinTarget, long targetMs) {
        static Spread of(List<Long> values, long targetMs) {
            List<Long> present = values.stream().filter(Objects::nonNull).sorted(Comparator.naturalOrder()).toList();
            return new Spread(values.size(), values.size() - present.size(),
                    present.isEmpty() ? null : present.get(present.size() / 2),
                    present.isEmpty() ? null : present.get(present.size() - 1),
                    (int) present.stream().filter(v -> v <= targetMs).count(), targetMs);
        }
    }

    /**
     * The run's figures: faults per kind, validator restarts, the time from a single-validator fault to the
     * others' next height, from a validator's (re)start to its first vote and from its admin port to that vote.
     */
    record Summary(Map<Kind, Integer> faults, long heights, long acknowledged, int validatorRestarts,
                   Spread nextHeightAfterSingleFault, Spread validatorUp, Spread firstVoteAfterStart,
                   Spread firstVoteAfterUp, Spread resumeAfterHalt, Spread healthy) {
        static Summary of(List<FaultOutcome> outcomes, long heights, long acknowledged) {
            Map<Kind, Integer> faults = new EnumMap<>(Kind.class);
            List<Long> next = new ArrayList<>();
            List<Long> up = new ArrayList<>();
            List<Long> vote = new ArrayList<>();
            List<Long> voteAfterUp = new ArrayList<>();
            List<Long> resume = new ArrayList<>();
            List<Long> healthy = new ArrayList<>();
            int restarts = 0;
            for (FaultOutcome o : outcomes) {
                faults.merge(o.kind(), 1, Integer::sum);
                healthy.add(o.healthyMs());
                switch (o.kind()) {
                    case KILL, KILL_ON_WRITE, FREEZE, PARTITION, POSTGRES_STOP -> next.add(o.nextDecidedMs());
                    case HALT -> resume.add(o.resumedMs());
                    default -> {
                    }
                }
                for (Restart r : o.restarts()) {
                    if (r.process().startsWith("v") && r.upMs() > 0) {
                        restarts++;
                        up.add(r.upMs());
                        vote.add(r.firstVoteMs());
                        voteAfterUp.add(r.voteAfterUpMs());
                    }
                }
            }
            return new Summary(faults, heights, acknowledged, restarts, Spread.of(next, NEXT_HEIGHT_TARGET_MS),
                    Spread.of(up, Long.MAX_VALUE), Spread.of(vote, Long.MAX_VALUE), Spread.of(voteAfterUp, VOTE_TARGET_MS),
                    Spread.of(resume, NEXT_HEIGHT_TARGET_MS), Spread.of(healthy, Long.MAX_VALUE));
        }
    }

    /** One audit check: what was checked, whether it held, and the figures or the first violations. */
    record Check(String name, boolean passed, String detail) {
    }

    /**
     * The audit: every check, and the figures. {@code passed} is true when every check passed.
     *
     * @param tips each validator's {@code /v1/status} height at the audit
     * @param recordsPublished records of {@code <chain>.blocks}
     * @param sequenced message ids in the blocks of the validator with the highest tip (each occurrence counted)
     */
    record Audit(boolean passed, List<Check> checks, Map<String, Long> tips, long recordsPublished,
                 long acknowledged, long sequenced, long missing, long duplicated, long evidence, long signRefused,
                 long receiptsVerified, long receiptsFailed) {
    }

    /** The whole report. */
    record Report(String schema, long seed, String startedAt, String finishedAt, String command, String replay,
                  int validators, double rate, long loadMs, long startupMs, List<String> kinds,
                  List<FaultOutcome> faults, Summary summary, Audit audit, String logs) {
    }
}
