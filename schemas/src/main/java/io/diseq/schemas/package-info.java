/**
 * Diseq's outside contracts: the topic registry ({@link io.diseq.schemas.Topics}) with each topic's
 * serdes and layout expectations, the record formats and headers of the message topics
 * ({@link io.diseq.schemas.RejectedRecord}, {@link io.diseq.schemas.RejectHeaders}), the stable ingest
 * reject codes ({@link io.diseq.schemas.IngestRejectCode}), and the JSON Schemas under
 * {@code schemas/} on the class path ({@link io.diseq.schemas.SchemaResources}). Documented field by
 * field in schemas/README.md and docs/protocol.md §20. Depends on kafka-clients only.
 */
package io.diseq.schemas;
