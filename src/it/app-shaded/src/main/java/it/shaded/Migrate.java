package it.shaded;

/** A second entry point (a maintenance tool): the shaded jar's Main-Class decides which one the image runs. */
public final class Migrate {

    public static void main(String[] args) {
        System.out.println("migrating");
    }
}
