package io.grantflow.deploy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * Runs a container health-check command (bash with /dev/tcp) on this machine, against a local
 * HTTP server standing in for the container's endpoint.
 */
final class HttpCheck {
    private HttpCheck() {}

    /** Exit code of {@code bash -c command} while a server on the command's port answers {@code path} with {@code status}. */
    static int exitCodeAgainst(String command, int containerPort, String path, int status) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int code = exchange.getRequestURI().getPath().equals(path) ? status : 404;
            byte[] body = "{\"status\":\"?\"}".getBytes();
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            return bash(onPort(command, containerPort, server.getAddress().getPort()));
        } finally {
            server.stop(0);
        }
    }

    /** Exit code of the command when nothing listens on its port. */
    static int exitCodeWithNothingListening(String command, int containerPort) throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        return bash(onPort(command, containerPort, free));
    }

    private static String onPort(String command, int containerPort, int localPort) {
        String target = "/dev/tcp/127.0.0.1/" + containerPort;
        if (!command.contains(target)) {
            throw new IllegalArgumentException("health check does not connect to " + target + ": " + command);
        }
        return command.replace(target, "/dev/tcp/127.0.0.1/" + localPort);
    }

    private static int bash(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command)
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("health check hung: " + command);
        }
        return p.exitValue();
    }
}
