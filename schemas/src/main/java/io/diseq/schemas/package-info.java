/** Filled in by its issue; see docs/architecture.md. */
package io.diseq.schemas;
