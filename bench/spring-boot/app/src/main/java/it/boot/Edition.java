package it.boot;

/** What the one-class scenario of the benchmark edits: a constant that GreetingController reports. */
final class Edition {
    static final String EDITION = "first";

    private Edition() {
    }
}
