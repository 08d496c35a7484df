package io.diseq.core.runtime;

/** What an envelope carries; the payload's encoding is the core's for that message kind. */
public enum GossipType {
    COMMITMENT, PROPOSAL, PREVOTE, PRECOMMIT, STATUS
}
