/**
 * The content-addressed build cache shared by every build of a machine: entries keyed by a hash of all their inputs
 * ({@link io.kimigayo.core.cache.CacheKey}), appearing whole and never replaced once there
 * ({@link io.kimigayo.core.cache.BuildCache}).
 */
package io.kimigayo.core.cache;
