package it.two;

public final class Server {
    public static void main(String[] args) {
        System.out.println("serving");
    }
}
