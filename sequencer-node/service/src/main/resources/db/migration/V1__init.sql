-- Diseq node schema, version 1 (docs/architecture-node.md §Storage).
-- A decided block, its messages, its new state-trie nodes and the Kafka positions after it are
-- written in one transaction by BlockStore.

CREATE TABLE blocks (
    height        BIGINT PRIMARY KEY CHECK (height >= 0),
    block_id      BYTEA  NOT NULL UNIQUE CHECK (octet_length(block_id) = 32),
    header_rlp    BYTEA  NOT NULL,
    certificate   BYTEA  NOT NULL,
    block_time_ms BIGINT NOT NULL,
    stored_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A message id is keccak256 of its bytes and is sequenced at most once, ever: the primary key
-- makes a second sequencing of the same id fail the whole block transaction.
CREATE TABLE messages (
    id     BYTEA   PRIMARY KEY CHECK (octet_length(id) = 32),
    height BIGINT  NOT NULL REFERENCES blocks (height),
    idx    INTEGER NOT NULL CHECK (idx >= 0),
    body   BYTEA   NOT NULL,
    UNIQUE (height, idx)
);

-- Nodes of the cumulative state trie, addressed by keccak256 of their RLP; never updated or deleted.
CREATE TABLE trie_nodes (
    hash BYTEA PRIMARY KEY CHECK (octet_length(hash) = 32),
    rlp  BYTEA NOT NULL
);

-- The signer's durable state (last signed height/round/step and lock), a single row.
CREATE TABLE signer_state (
    id         SMALLINT PRIMARY KEY CHECK (id = 1),
    state      BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- For each stored block, the next unsequenced offset of every partition of <chain>.messages.
CREATE TABLE kafka_positions (
    height      BIGINT  NOT NULL REFERENCES blocks (height),
    partition   INTEGER NOT NULL CHECK (partition >= 0),
    next_offset BIGINT  NOT NULL CHECK (next_offset >= 0),
    PRIMARY KEY (height, partition)
);
