package it.attest;

import com.google.gson.Gson;

import java.util.Map;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println(new Gson().toJson(Map.of("attested", true)));
    }
}
