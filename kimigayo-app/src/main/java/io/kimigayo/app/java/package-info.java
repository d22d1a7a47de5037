/**
 * The Java runtime of an application image: which JDK modules the application needs (read from its classes and jars
 * in-process, plus the rule table {@code module-rules.txt}), its main class, the jlink'd runtime (cached) and the
 * native libraries the runtime loads.
 */
package io.kimigayo.app.java;
