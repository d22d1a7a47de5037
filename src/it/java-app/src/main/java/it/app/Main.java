package it.app;

import com.google.gson.Gson;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

public final class Main {

    public static void main(String[] args) throws Exception {
        LoggerFactory.getLogger(Main.class).info("started");
        Properties properties = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/app.properties")) {
            properties.load(in);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("greeting", System.getenv("GREETING") + " " + String.join(",", args));
        out.put("resource", properties.getProperty("message"));
        out.put("version", Version.TEXT);
        out.put("uid", new com.sun.security.auth.module.UnixSystem().getUid());
        System.out.println(new Gson().toJson(out));
    }
}
