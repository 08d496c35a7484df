/** Start-up creation and verification of the chain's topics (docs/ingest.md §Topics). */
package io.diseq.ingest.topics;
