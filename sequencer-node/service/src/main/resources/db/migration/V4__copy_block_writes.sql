-- Diseq node schema, version 3: block writes by COPY (docs/architecture.md §Storage).
-- BlockStore writes a block's row, its messages and their sources in ONE transaction, under the
-- block writers' advisory lock, so the foreign keys from the per-message tables can never be
-- violated by it; checking them cost one lookup and one row lock on blocks/messages per message
-- (per-row triggers that COPY fires too). Every index that a query or an invariant needs stays:
-- messages_pkey (lookup by id, and a message id is sequenced at most once), messages (height, idx)
-- (messages of a block in order), message_sources_pkey (sources of a block in order).
ALTER TABLE message_sources DROP CONSTRAINT message_sources_height_idx_fkey;
ALTER TABLE messages DROP CONSTRAINT messages_height_fkey;
