package it.two;

public final class Migrate {
    public static void main(String[] args) {
        System.out.println("migrating");
    }
}
