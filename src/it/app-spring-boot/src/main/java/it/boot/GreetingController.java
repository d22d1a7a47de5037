package it.boot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
public class GreetingController {

    /** A record, so the JSON fields come in a fixed order (a {@code Map.of} iterates in a per-JVM order). */
    public record GreetingView(String language, String text) {
    }

    private final GreetingRepository greetings;

    public GreetingController(GreetingRepository greetings) {
        this.greetings = greetings;
    }

    @GetMapping("/greetings")
    public List<GreetingView> greetings(@RequestParam(defaultValue = "ja") String language) {
        return greetings.findByLanguage(language).stream()
                .map(g -> new GreetingView(g.getLanguage(), g.getText()))
                .toList();
    }

    @GetMapping("/whoami")
    public Map<String, Object> whoami() {
        return Map.of("edition", Edition.EDITION,
                "thread", Thread.currentThread().getName().startsWith("http-nio") ? "tomcat" : "other",
                "user", System.getProperty("user.name"),
                "java", System.getProperty("java.home"));
    }
}
