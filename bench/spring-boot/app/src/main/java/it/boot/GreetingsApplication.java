package it.boot;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class GreetingsApplication {

    public static void main(String[] args) {
        SpringApplication.run(GreetingsApplication.class, args);
    }

    @Bean
    CommandLineRunner seed(GreetingRepository greetings) {
        return args -> {
            greetings.save(new Greeting("ja", "Konnichiwa"));
            greetings.save(new Greeting("en", "Hello"));
        };
    }
}
