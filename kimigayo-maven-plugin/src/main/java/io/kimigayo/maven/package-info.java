/**
 * The Maven goals: each reads its parameters, calls one library entry point and reports; no build logic lives here.
 */
package io.kimigayo.maven;
