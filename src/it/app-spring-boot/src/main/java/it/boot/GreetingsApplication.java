package it.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The greetings come from {@code data.sql} (a class-path resource, so {@code /app/resources} must be on the class
 * path), loaded while the context refreshes: before Tomcat accepts a connection. A {@code CommandLineRunner} would
 * run only after Tomcat listens, and a quick first request could find the table empty.
 */
@SpringBootApplication
public class GreetingsApplication {

    public static void main(String[] args) {
        SpringApplication.run(GreetingsApplication.class, args);
    }
}
