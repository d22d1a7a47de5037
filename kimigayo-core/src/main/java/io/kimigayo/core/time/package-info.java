/**
 * The one timestamp of a build (from {@code project.build.outputTimestamp}, else {@code SOURCE_DATE_EPOCH}, else
 * 1970-01-01; never the clock), written into every output.
 */
package io.kimigayo.core.time;
