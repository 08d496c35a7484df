package io.diseq.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Creates the instances of one run from its fault mix (docs/simulation.md, "Byzantine behaviours"):
 * which validators are byzantine and how (including the split-lock plan's colluders), which one runs twice
 * (Twins), each instance's clock skew (within a quarter of the allowed drift either way, so two honest clocks
 * differ by at most half of it) and its reader lag.
 */
final class NodeFactory {
    private NodeFactory() {
    }

    static void create(Simulation sim, int instances) {
        SplittableRandom rnd = sim.random;
        int n = sim.config.validators();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        shuffle(order, rnd);
        FaultMix mix = sim.mix;
        SimNode.Behaviour[] behaviours = new SimNode.Behaviour[n];
        boolean[] honestKey = new boolean[n];
        java.util.Arrays.fill(honestKey, true);
        int k = 0;
        RoundFlood flood = new RoundFlood(sim); // shared by the FLOOD_ROUNDS validators: one round for all of them
        for (FaultMix.Byzantine b : mix.byzantine()) {
            int v = order.get(k++);
            if (b == FaultMix.Byzantine.FLOOD_ROUNDS) {
                flood.join(v);
            }
            behaviours[v] = b == FaultMix.Byzantine.FLOOD_ROUNDS ? Byzantines.flooder(flood) : Byzantines.behaviour(b, sim);
            honestKey[v] = false;
        }
        for (int i = 0; mix.splitLock() && i < mix.faultyKeys(n); i++) { // the colluders of the split-lock plan
            int v = order.get(k++);
            behaviours[v] = Byzantines.colluder(sim, sim.faults.lockSplit, v);
            honestKey[v] = false;
        }
        int twin = mix.twins() ? order.get(k) : -1;
        if (twin >= 0) {
            honestKey[twin] = false;
        }
        for (int i = 0; i < instances; i++) {
            int v = i < n ? i : twin;
            long skew = mix.clockSkew() ? rnd.nextLong(Simulation.MAX_DRIFT_MS / 2 + 1) - Simulation.MAX_DRIFT_MS / 4 : 0;
            SimNode node = new SimNode(sim, i, v, honestKey[v], behaviours[v], skew);
            node.view.lagMs(mix.laggingReader() && rnd.nextInt(3) == 0 ? 100 + rnd.nextLong(1900) : rnd.nextLong(20));
            sim.nodes.add(node);
        }
    }

    private static void shuffle(List<Integer> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
