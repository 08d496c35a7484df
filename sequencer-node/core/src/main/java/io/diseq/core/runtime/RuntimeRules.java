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
}
