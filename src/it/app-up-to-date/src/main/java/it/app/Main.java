package it.app;

import com.google.gson.Gson;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

public final class Main {

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/app.properties")) {
            properties.load(in);
        }
        System.out.println(new Gson().toJson(Map.of("version", Version.TEXT,
                "message", properties.getProperty("message"))));
    }
}
