package io.diseq.core.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Catch-up as values (docs/protocol.md §30.4): learns the decided height each peer claims (its STATUS, and the
 * height of the consensus envelopes it sends, both authenticated by the envelope signature), and targets the
 * height that f+1 validators vouch for, the (f+1)-th highest claim, so no f validators can make this node
 * chase a height that does not exist. While behind by {@code lagHeights} or for longer than {@code graceMs},
 * it asks one peer at a time that claims the next height, rotating; a peer that fails, times out, or serves
 * nothing useful is skipped for a pause that doubles per failure. Runtime thread only.
 */
final class CatchUp {
    private final int faulty;
    private final RuntimeSettings settings;
    private final Map<Integer, Long> claims = new TreeMap<>();
    private final Map<Integer, Integer> failures = new TreeMap<>();
    private final Map<Integer, Long> blockedUntilMs = new TreeMap<>();
    private long behindSinceMs = -1;
    private boolean active;
    private long nextRequestId = 1;
    private long inflightId = -1;
    private int inflightPeer = -1;
    private long inflightDeadlineMs;
    private int rotation;
    private long lastNowMs;

    CatchUp(int faulty, RuntimeSettings settings) {
        this.faulty = faulty;
        this.settings = settings;
    }

    /** Peer {@code peer} showed that it decided {@code height}; claims only grow. */
    void claim(int peer, long height) {
        claims.merge(peer, height, Math::max);
    }

    /** The (f+1)-th highest claim: at least one correct validator has decided it; −1 if unknown. */
    long vouched() {
        List<Long> heights = new ArrayList<>(claims.values());
        if (heights.size() <= faulty) {
            return -1;
        }
        heights.sort(Collections.reverseOrder());
        return heights.get(faulty);
    }

    boolean catchingUp() {
        return active;
    }

    Map<Integer, Long> claims() {
        return new TreeMap<>(claims);
    }

    /** The highest claim of any peer (unvouched: a hint that may be a lie), or −1. */
    private long highestClaim() {
        long max = -1;
        for (long h : claims.values()) {
            max = Math.max(max, h);
        }
        return max;
    }

    /**
     * The next request, if this node should fetch now and may ({@code mayFetch}: no block waiting, room to write).
     * Behind the vouched height it catches up (and reports it). Behind only an unvouched claim, it PROBES after
     * {@code graceMs}: one block at a time from a claimant, under the same per-peer backoff, without reporting
     * {@code catchingUp}. A true claim is then proven by the block's certificate (a lone honest node that
     * decided while its peers stalled is followed), and a false one costs its sender a doubling pause.
     */
    Output.FetchBlocks next(long tipHeight, long nowMs, boolean mayFetch) {
        lastNowMs = nowMs;
        expire(nowMs);
        long goal = vouched();
        boolean vouchedAhead = goal > tipHeight;
        if (!vouchedAhead && highestClaim() <= tipHeight) {
            active = false;
            behindSinceMs = -1;
            return null;
        }
        if (behindSinceMs < 0) {
            behindSinceMs = nowMs;
        }
        boolean graceOver = nowMs - behindSinceMs >= settings.graceMs();
        if (vouchedAhead && !active && goal - tipHeight < settings.lagHeights() && !graceOver) {
            return null;
        }
        if (!vouchedAhead && !graceOver) {
            return null;
        }
        active = vouchedAhead;
        if (inflightId >= 0 || !mayFetch) {
            return null;
        }
        int peer = pick(tipHeight + 1, nowMs);
        if (peer < 0) {
            return null;
        }
        inflightId = nextRequestId++;
        inflightPeer = peer;
        inflightDeadlineMs = nowMs + settings.fetchTimeoutMs();
        int count = vouchedAhead ? (int) Math.min(settings.fetchBlocks(), goal - tipHeight) : 1;
        return new Output.FetchBlocks(inflightId, peer, tipHeight + 1, Math.max(1, count));
    }

    private int pick(long from, long nowMs) {
        List<Integer> candidates = new ArrayList<>();
        claims.forEach((p, h) -> {
            if (h >= from && blockedUntilMs.getOrDefault(p, 0L) <= nowMs) {
                candidates.add(p);
            }
        });
        return candidates.isEmpty() ? -1 : candidates.get(Math.floorMod(rotation++, candidates.size()));
    }

    /** The answer to request {@code id} arrived; returns false for a stale or unknown one. */
    boolean answered(long id) {
        if (id != inflightId) {
            return false;
        }
        inflightId = -1;
        return true;
    }

    /** The peer's answer advanced this node. */
    void useful(int peer) {
        failures.remove(peer);
        blockedUntilMs.remove(peer);
    }

    /** The peer failed, timed out, or served nothing this node could use: skip it for a while. */
    void penalize(int peer, long nowMs) {
        int n = failures.merge(peer, 1, Integer::sum);
        long pause = settings.fetchBackoffMinMs() << Math.min(n - 1, 20);
        blockedUntilMs.put(peer, nowMs + Math.min(settings.fetchBackoffMaxMs(), pause));
    }

    /** A request not answered by its deadline counts as failed. */
    void expire(long nowMs) {
        if (inflightId >= 0 && nowMs >= inflightDeadlineMs) {
            inflightId = -1;
            penalize(inflightPeer, nowMs);
        }
    }

    /** When this component next needs the runtime awake, or {@code Long.MAX_VALUE}. */
    long nextWakeMs() {
        if (inflightId >= 0) {
            return inflightDeadlineMs;
        }
        if (behindSinceMs < 0) {
            return Long.MAX_VALUE;
        }
        long graceEnd = behindSinceMs + settings.graceMs();
        if (!active && graceEnd > lastNowMs) {
            return graceEnd;
        }
        long next = Long.MAX_VALUE;
        for (long t : blockedUntilMs.values()) {
            if (t > lastNowMs) {
                next = Math.min(next, t);
            }
        }
        return next;
    }
}
