package it.app;

final class Version {

    static final String TEXT = "one";

    private Version() {
    }
}
