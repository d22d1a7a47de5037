package it.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

public final class Server {

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/hello/:name").respond(ctx -> io.vertx.core.Future.succeededFuture(new JsonObject()
                .put("greeting", "Konnichiwa, " + ctx.pathParam("name"))
                .put("framework", "vert.x")));
        vertx.createHttpServer().requestHandler(router).listen(port)
                .onSuccess(s -> System.out.println("listening on " + s.actualPort()))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }
}
