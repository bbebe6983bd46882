/**
 * The metadata model: what an integration is, how it authorizes, and what it can do.
 *
 * <p>A plugin declares this as data, in the JSON descriptor it ships; the host reads it through the
 * plugin's class loader, validates it against the published JSON Schema and maps it onto these immutable
 * records. Because it is data, the host can show an integration even when the plugin's code fails to
 * start.
 */
package io.integrationhost.api.metadata;
