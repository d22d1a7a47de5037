package io.kimigayo.bench.app;

/** The class the benchmark's one-class-change scenario edits: run.sh rewrites EDITION to force a recompile. */
final class Greeting {

    static final String EDITION = "edition-0";

    private Greeting() {
    }

    static String text(String name) {
        return "Hello, " + name + " (" + EDITION + ")";
    }
}
