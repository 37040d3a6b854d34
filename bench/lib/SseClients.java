import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-Sent Events clients for the benchmarks: java bench/lib/SseClients.java URL TOKEN N [FILTER_FILE]
 * opens N streams (each with the query of one line of FILTER_FILE, round robin, or none), counts
 * the events each receives, and prints the figures when it is stopped (SIGTERM).
 */
public class SseClients {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        int count = Integer.parseInt(args[2]);
        List<String> queries = args.length > 3 ? java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[3])) : List.of("");
        HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();
        AtomicLong[] received = new AtomicLong[count];
        AtomicInteger open = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received[i] = new AtomicLong();
            AtomicLong mine = received[i];
            String query = queries.get(i % queries.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + query)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").build();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    HttpResponse<java.util.stream.Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
                    if (response.statusCode() == 200) {
                        open.incrementAndGet();
                        response.body().forEach(line -> {
                            if (line.startsWith("data:")) {
                                mine.incrementAndGet();
                            }
                        });
                    }
                } catch (Exception e) {
                    // counted below
                }
                ended.incrementAndGet();
            });
            readers.add(reader);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long total = 0;
            long[] each = new long[count];
            for (int i = 0; i < count; i++) {
                each[i] = received[i].get();
                total += each[i];
            }
            java.util.Arrays.sort(each);
            System.out.printf("sse clients: %d connected, %d streams ended early; events received: %d (per client min %d, median %d, max %d)%n",
                    open.get(), ended.get(), total, each[0], each[count / 2], each[count - 1]);
        }));
        Thread.sleep(Long.MAX_VALUE);
    }
}
