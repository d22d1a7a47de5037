package it.boot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
public class GreetingController {

    private final GreetingRepository greetings;

    public GreetingController(GreetingRepository greetings) {
        this.greetings = greetings;
    }

    @GetMapping("/greetings")
    public List<Map<String, String>> greetings(@RequestParam(defaultValue = "ja") String language) {
        return greetings.findByLanguage(language).stream()
                .map(g -> Map.of("language", g.getLanguage(), "text", g.getText()))
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
