package it.boot;

/** A constant that GreetingController reports: the one-class scenario of bench/spring-boot edits it. */
final class Edition {
    static final String EDITION = "first";

    private Edition() {
    }
}
