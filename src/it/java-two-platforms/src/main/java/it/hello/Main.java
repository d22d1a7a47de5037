package it.hello;

import com.google.gson.Gson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/** The hello example's line, with the machine the JVM runs on. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        LOG.info("starting with {} argument(s)", args.length);
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("greeting", System.getenv().getOrDefault("GREETING", "Hello") + ", " + String.join(" ", args));
        hello.put("arch", System.getProperty("os.arch"));
        hello.put("java", System.getProperty("java.vm.name"));
        System.out.println(new Gson().toJson(hello));
    }
}
