package it.reactor.lib;

import com.google.gson.Gson;

import java.util.Map;

public final class Greeter {

    public String greet(String name) {
        return new Gson().toJson(Map.of("greeting", "Konnichiwa, " + name, "from", "greeting-lib"));
    }
}
