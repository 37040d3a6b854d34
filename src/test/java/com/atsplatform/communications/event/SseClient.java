package com.atsplatform.communications.event;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client, as a browser's EventSource: each event's id, name and data, in order. */
public final class SseClient implements AutoCloseable {

    /** One event as received. */
    public record Received(String id, String name, String data, long receivedNanos) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;

    /** @param lastEventId null for a new stream */
    public SseClient(URI uri, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            status = answer.statusCode();
            String[] event = new String[3];
            answer.body().forEach(line -> {
                if (line.isEmpty()) {
                    if (event[2] != null) {
                        events.add(new Received(event[0], event[1], event[2], System.nanoTime()));
                    }
                    event[0] = event[1] = event[2] = null;
                } else if (line.startsWith("id:")) {
                    event[0] = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event[1] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    event[2] = line.substring(5).strip();
                }
            });
        });
    }

    /** The next event whose data contains {@code text}, skipping others; null when none came within {@code timeout}. */
    public Received next(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null || event.data().contains(text)) {
                return event;
            }
        }
    }

    public int status() {
        return status;
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(answer -> answer.body().close());
    }
}
