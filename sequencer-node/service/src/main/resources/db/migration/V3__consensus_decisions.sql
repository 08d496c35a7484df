-- Diseq node schema, version 3: the consensus log (docs/architecture.md, "Node runtime"). A decision (header
-- and certificate) is written synchronously when the node decides a height, before its block write
-- completes, so a node that crashed in between re-derives the block after a restart instead of voting
-- again. Rows at or below the durable block height are pruned.
CREATE TABLE consensus_decisions (
    height      BIGINT PRIMARY KEY CHECK (height >= 1),
    header      BYTEA  NOT NULL,
    certificate BYTEA  NOT NULL
);
