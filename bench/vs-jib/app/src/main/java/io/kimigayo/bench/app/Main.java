package io.kimigayo.bench.app;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The benchmark app: reads a resource, builds a small report with Gson and prints it as one line of JSON. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) throws IOException {
        LOG.info("starting with {} argument(s)", args.length);
        Properties app = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/app.properties")) {
            if (in != null) {
                app.load(in);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("app", app.getProperty("app.name", "vs-jib"));
        report.put("greeting", Greeting.text(args.length > 0 ? String.join(" ", args) : "world"));
        report.put("java", System.getProperty("java.version"));
        report.put("processors", Runtime.getRuntime().availableProcessors());
        Gson gson = new GsonBuilder().disableHtmlEscaping().create();
        System.out.println(gson.toJson(report));
    }
}
