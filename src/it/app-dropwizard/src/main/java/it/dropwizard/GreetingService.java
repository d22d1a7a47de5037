package it.dropwizard;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

public class GreetingService extends Application<Configuration> {

    public static void main(String[] args) throws Exception {
        new GreetingService().run(args);
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(new GreetingResource());
    }

    @Path("/greeting")
    @Produces(MediaType.APPLICATION_JSON)
    public static class GreetingResource {
        @GET
        public Map<String, String> greet(@QueryParam("name") String name) {
            return Map.of("greeting", "Konnichiwa, " + (name == null ? "stranger" : name));
        }
    }
}
