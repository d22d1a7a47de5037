package it.modular;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

public final class Server {

    /** Serialized by Gson through reflection: the module opens this package to com.google.gson. */
    static final class Answer {
        final String greeting = "Konnichiwa";
        final String module = Server.class.getModule().getName();
        final boolean gsonIsAModule = Gson.class.getModule().isNamed();
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = new Gson().toJson(new Answer()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Logger.getLogger("it.modular").info("listening on 8080");
    }
}
