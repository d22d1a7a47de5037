/**
 * Kernel configuration: a base config plus fragments merged, settled by Kconfig, and a report of every option that
 * did not stick with Kconfig's reason.
 */
package io.kimigayo.kernel.config;
