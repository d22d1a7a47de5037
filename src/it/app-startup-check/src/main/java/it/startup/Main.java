package it.startup;

public final class Main {

    public static void main(String[] args) throws Exception {
        System.out.println("starting");
        System.out.println("drivers: " + java.sql.DriverManager.drivers().count());
        Thread.sleep(60_000);
    }
}
