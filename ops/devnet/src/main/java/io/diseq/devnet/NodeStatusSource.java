package io.diseq.devnet;

/**
 * Where the status line reads a validator's state from. The HTTP implementation reads the node's
 * REST {@code /v1/status} and its admin metrics; tests may substitute their own.
 */
public interface NodeStatusSource {
    /** Never throws: an unreachable node is {@link NodeStatus#down}. */
    NodeStatus poll(ValidatorEndpoints node);
}
