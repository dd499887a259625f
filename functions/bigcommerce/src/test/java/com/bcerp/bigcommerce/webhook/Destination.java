package com.bcerp.bigcommerce.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/** A webhook destination on 127.0.0.1 that records what it receives and answers a set status. */
final class Destination implements AutoCloseable {

    record Received(Instant at, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status;

    Destination(int status) {
        this.status = status;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
                received.add(new Received(Instant.now(), headers, exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(this.status, -1);
            }
        });
        server.start();
    }

    /** From now on, answer {@code newStatus}. */
    void answer(int newStatus) {
        this.status = newStatus;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until a delivery matching {@code which} has arrived. */
    Received await(Predicate<Received> which, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Received r : received) {
                if (which.test(r)) {
                    return r;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching delivery within " + timeout + "; got " + received.size());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
