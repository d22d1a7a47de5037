package io.kimigayo.oci.fuzz;

/** What the fuzz targets accept of an error: its type is checked by the catch; it must say something. */
final class Typed {

    private Typed() {
    }

    static void message(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("an error without a message", e);
        }
    }
}
