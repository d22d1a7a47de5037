/**
 * Writing outputs safely: temporary files renamed into place ({@link io.kimigayo.core.output.AtomicFiles}), the
 * outputs of a goal committed as a whole even when the build is killed ({@link io.kimigayo.core.output.OutputSet}),
 * and the removal of what killed builds left ({@link io.kimigayo.core.output.StaleDirectories}).
 */
package io.kimigayo.core.output;
