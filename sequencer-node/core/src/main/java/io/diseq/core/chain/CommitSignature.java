package io.diseq.core.chain;

import io.diseq.core.util.Bytes;

/** One validator's precommit signature inside a quorum certificate (docs/protocol.md §7.10). */
public record CommitSignature(int validatorIndex, Bytes signature) {}
