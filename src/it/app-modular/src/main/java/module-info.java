module it.modular {
    requires com.google.gson;
    requires jdk.httpserver;
    requires java.logging;
    opens it.modular to com.google.gson;
}
