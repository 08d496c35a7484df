package io.diseq.node.consensus;

import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.runtime.Input;
import io.diseq.core.runtime.StepInputLog;
import java.util.List;
import java.util.Map;
import io.diseq.core.runtime.NodeRuntime;
import io.diseq.core.runtime.Output;
import io.diseq.core.runtime.RuntimeStatus;
import io.diseq.core.util.Bytes;
import io.dropwizard.lifecycle.Managed;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consensus driver (docs/architecture.md §Consensus driver): a shell around the core's deterministic
 * {@link NodeRuntime}. ONE thread ({@code consensus-driver}) owns the runtime; other threads only enqueue into
 * the {@link DriverInbox} (verified gossip, input-appended notices, worker completions). The loop waits for an
 * input until the runtime's next wake-up (bounded by the poll interval), steps it ({@link Input.Tick} when woken
 * by time) and performs the outputs in order ({@link OutputPerformer}); then it publishes a status snapshot.
 *
 * <p>Any exception out of a step or an output, or a fork reported by the block writer, stops the driver for
 * good: {@link #failure()} is set (health check red) and nothing more is stepped or signed. The one exception
 * is a database that is unavailable during a signer-state or consensus-log write: the driver waits for it and
 * retries ({@link DurableWrites}; health red meanwhile).
 */
public final class ConsensusDriver implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ConsensusDriver.class);

    /** The last durable block: what the node serves and has published. */
    record DurableTip(long height, Bytes blockId) {
    }

    private final NodeRuntime runtime;
    private final StepInputLog inputLog;
    private final InputRecorder recorder;
    private final DriverInbox inbox;
    private final OutputPerformer outputs;
    private final long pollIntervalMs;
    private final LongSupplier clock;
    private volatile RuntimeStatus status;
    private volatile DurableTip durable;
    private volatile Throwable failure;
    private volatile boolean running;
    private volatile long steps;
    private volatile long nextWakeMs;
    private Thread thread;

    /** @param outputs builds the performer, given the callbacks for a durable block and a fatal worker error */
    /**
     * @param inputLog the runtime's input log, frozen by the driver before each step
     * @param recorder records every step for {@code diseq-node replay}, or null
     */
    public ConsensusDriver(NodeRuntime runtime, StepInputLog inputLog, InputRecorder recorder, ChainTip tip,
                    DriverInbox inbox, Function<ConsensusDriver, OutputPerformer> outputs, long pollIntervalMs,
                    LongSupplier clock) {
        this.runtime = runtime;
        this.inputLog = inputLog;
        this.recorder = recorder;
        this.inbox = inbox;
        this.pollIntervalMs = pollIntervalMs;
        this.clock = clock;
        this.durable = new DurableTip(tip.height(), tip.blockId());
        this.status = runtime.status();
        this.outputs = outputs.apply(this);
    }

    @Override
    public synchronized void start() {
        outputs.start();
        running = true;
        thread = new Thread(this::run, "consensus-driver");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
        outputs.stop();
        if (recorder != null) {
            recorder.close();
        }
    }

    /** Stops the driver for good (a broken invariant, a fork): nothing more is stepped or signed. */
    public void fail(Throwable t) {
        if (failure == null) {
            failure = t;
            LOG.error("consensus driver stopped: no more votes will be signed; restart the node after fixing the "
                    + "cause", t);
        }
        running = false;
    }

    public void durable(DecidedBlock block) {
        durable = new DurableTip(block.height(), block.blockId());
    }

    private void run() {
        try {
            step(new Input.Start());
            while (running) {
                long waitMs = Math.max(0, Math.min(pollIntervalMs, runtime.nextWakeMs() - clock.getAsLong()));
                Input in = inbox.take(waitMs);
                if (in != null) {
                    step(in);
                } else if (clock.getAsLong() >= runtime.nextWakeMs()) {
                    step(new Input.Tick());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            if (running) { // not a failure when the node is stopping (an interrupted wait for the database)
                fail(t);
            }
        }
    }

    private void step(Input in) {
        Map<Integer, Long> positions = inputLog.freeze();
        ChainTip tipBefore = runtime.core().tip();
        long now = clock.getAsLong();
        List<Output> out = runtime.step(in, now);
        if (recorder != null) {
            recorder.step(now, in, positions, tipBefore, inputLog, out);
        }
        for (Output o : out) {
            if (failure != null) {
                throw new IllegalStateException("driver stopped while performing outputs", failure);
            }
            outputs.perform(o);
        }
        status = runtime.status();
        nextWakeMs = runtime.nextWakeMs();
        steps++;
    }

    /** Since when the driver has been waiting for the database to take a write, or -1 if it is not. */
    public long storageUnavailableSinceMs() {
        return outputs.durableWrites().unavailableSinceMs();
    }

    /** The last error of a write retried while the database was unavailable. */
    public String lastStorageError() {
        return outputs.durableWrites().lastError();
    }

    /** Why the driver stopped on its own, or null while it runs (or after a clean stop). */
    public Throwable failure() {
        return failure;
    }

    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive() && failure == null;
    }

    public long steps() {
        return steps;
    }

    /** The runtime's snapshot after the last step (any thread). */
    public RuntimeStatus status() {
        return status;
    }

    /** Test hook: while held, block writes wait (a slow database); consensus goes on up to its write bound. */
    public void holdBlockWrites(boolean hold) {
        outputs.holdWrites(hold);
    }

    public long fetchFailures() {
        return outputs.fetchFailures();
    }

    DurableTip durableTip() {
        return durable;
    }

    /** One line for diagnostics and assertion messages. */
    public String progress() {
        RuntimeStatus s = status;
        long wake = nextWakeMs;
        return "steps=" + steps + " wakeInMs=" + (wake == Long.MAX_VALUE ? "never" : wake - clock.getAsLong())
                + " commitments=" + s.commitments().size() + " tip=" + s.tipHeight() + " durable=" + s.durableHeight()
                + " pendingWrites=" + s.pendingWrites() + " vouched=" + s.vouchedHeight() + " inbox=" + inbox.size() + " alive="
                + alive() + (failure == null ? "" : " failure=" + failure);
    }
}
