package io.diseq.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs simulations and reports them (docs/simulation.md, "Output"): the first line of every run names the
 * seed and the fault mix; a failed run is re-run with tracing on (same seed, same schedule) and prints its
 * trace, its counters and a one-line replay command. Independent runs may execute on several threads; each
 * run itself is single-threaded and deterministic.
 */
final class SimRunner {
    private SimRunner() {
    }

    static String replayCommand(Simulation.Config c) {
        return "mvn -B -ntp -pl sequencer-node/core -am test -Dtest=SimulationTest#replay -Dsim.seed=" + c.seed()
                + " -Dsim.validators=" + c.validators() + " -Dsim.crypto=" + c.crypto().name().toLowerCase()
                + " -Dsim.rules=" + BrokenRules.name(c.rules()) + (c.adversarial() ? " -Dsim.adversarial=true" : "")
                + " -Dsurefire.failIfNoSpecifiedTests=false";
    }

    /**
     * Runs one simulation, printing its first line, and on failure its trace and replay command; a quiet
     * run (the planted-bug tests, where failures are expected) prints nothing.
     */
    static Simulation.Result run(Simulation.Config config, boolean quiet) {
        Simulation sim = new Simulation(config);
        if (!quiet) {
            System.out.println(sim.firstLine());
        }
        Simulation.Result r = sim.run();
        if (r.ok() || config.trace() || quiet) {
            return r;
        }
        Simulation.Result traced = new Simulation(config.withTrace()).run();
        System.out.println(report(traced));
        return traced;
    }

    static String report(Simulation.Result r) {
        return (r.ok() ? "SIM PASSED " : "SIM FAILURE ") + r.firstLine() + "\n" + r.failure() + "\n--- last trace lines ---\n" + r.trace()
                + "--- counters: " + r.stats() + "\nREPLAY: " + replayCommand(r.config());
    }

    /** The outcome of a batch: runs, decided heights, and every failed run. */
    record Batch(long runs, long heights, List<Simulation.Result> failures) {
    }

    static Batch runAll(List<Simulation.Config> configs, boolean quiet) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Simulation.Result> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong heights = new AtomicLong();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Simulation.Config c : configs) {
                futures.add(pool.submit(() -> {
                    Simulation.Result r = run(c, quiet);
                    heights.addAndGet(r.decidedHeight());
                    if (!r.ok()) {
                        failures.add(r);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("simulation batch did not complete", e);
        } finally {
            pool.shutdownNow();
        }
        return new Batch(configs.size(), heights.get(), failures);
    }
}
