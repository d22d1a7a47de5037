/**
 * Running native build commands: a fixed, reproducible environment, the full log kept on disk, progress lines for
 * the user, and a failure that shows the log's end and path.
 */
package io.kimigayo.core.process;
