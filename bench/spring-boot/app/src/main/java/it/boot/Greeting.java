package it.boot;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Greeting {

    @Id
    @GeneratedValue
    private Long id;
    private String language;
    private String text;

    protected Greeting() {
    }

    public Greeting(String language, String text) {
        this.language = language;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getLanguage() {
        return language;
    }

    public String getText() {
        return text;
    }
}
