package io.diseq.core.runtime;

/**
 * The runtime's ordering and relay rules as a hook, like the core's {@code ConsensusRules}: production uses
 * {@link #STANDARD}; the simulator's planted-bug tests subclass it to break one rule and prove the simulation
 * catches the break (docs/simulation.md, "Teeth").
 */
public class RuntimeRules {
    public static final RuntimeRules STANDARD = new RuntimeRules();

    /** A signer state is output before the sends it guards (persist before you speak). */
    public boolean persistBeforeSend() {
        return true;
    }

    /** Whether the relay re-sends messages of this kind. */
    public boolean relays(GossipType type) {
        return true;
    }

    /** A block is announced ({@link Output.BlockDurable}) only once its write completed. */
    public boolean announceWhenDurable() {
        return true;
    }

    /**
     * Whether catch-up runs. Only the simulator turns it off, to show liveness losses that catch-up would hide
     * (a decision rule that misses rounds).
     */
    public boolean catchesUp() {
        return true;
    }

    /** Other rules without catch-up (simulation only). */
    public static final class WithoutCatchUp extends RuntimeRules {
        private final RuntimeRules base;

        public WithoutCatchUp(RuntimeRules base) {
            this.base = base;
        }

        @Override
        public boolean persistBeforeSend() {
            return base.persistBeforeSend();
        }

        @Override
        public boolean relays(GossipType type) {
            return base.relays(type);
        }

        @Override
        public boolean announceWhenDurable() {
            return base.announceWhenDurable();
        }

        @Override
        public boolean catchesUp() {
            return false;
        }
    }
}
