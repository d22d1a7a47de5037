package it.reactor.app;

import com.sun.net.httpserver.HttpServer;
import it.reactor.lib.Greeter;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public final class Server {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = new Greeter().greet("reactor").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
