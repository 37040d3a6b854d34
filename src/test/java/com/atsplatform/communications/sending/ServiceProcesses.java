package com.atsplatform.communications.sending;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.atsplatform.communications.localdb.EmbeddedPostgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) started as real, separate
 * processes in live mode, sharing one fresh PostgreSQL database and one Graph API stand-in
 * (WireMock in the test's JVM, answering each message with {@code wamid.<its callback data>}).
 * Instances can be stopped or killed with SIGKILL.
 */
public final class ServiceProcesses implements AutoCloseable {

    public static final String APP_SECRET = "it-app-secret";
    static final String MESSAGES = "/v21.0/PHONE_NUMBER_ID/messages";
    private static final String DATABASE = "ats_communications_it";
    /** A setting that is no environment variable: the instances' {@code -Xmx} (256m unless given). */
    public static final String MAX_HEAP = "IT_MAX_HEAP";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    public final WireMockServer graph;
    final String jdbcUrl;
    private final Map<String, String> settings;
    private final List<Instance> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One running service process. */
    public final class Instance {
        final String name;
        final int port;
        final Process process;

        Instance(String name, int port, Process process) {
            this.name = name;
            this.port = port;
            this.process = process;
        }

        public URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** SIGKILL: no shutdown hook, no graceful end of anything in flight. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    /** @param settings environment variables on top of the live-mode defaults (e.g. the send rate) */
    public ServiceProcesses(Map<String, String> settings) throws IOException {
        this.settings = settings;
        jdbcUrl = freshDatabase();
        graph = new WireMockServer(options().dynamicPort().containerThreads(32));
        graph.start();
        graph.stubFor(post(MESSAGES).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"+573005550101","wa_id":"573005550101"}],
                 "messages":[{"id":"wamid.{{jsonPath request.body '$.biz_opaque_callback_data'}}"}]}""")
                .withTransformers("response-template")));
        graph.stubFor(get(urlPathEqualTo("/v21.0/WABA_ID/message_templates")).willReturn(okJson("""
                {"data":[{"name":"job_opportunity","language":"es","status":"APPROVED","category":"UTILITY",
                          "components":[{"type":"BODY","text":"Hola {{1}}, ¿te interesa {{2}}?"}]}]}""")));
    }

    /** Starts {@code count} instances at once and waits until every one is ready. */
    public List<Instance> start(int count) throws IOException, InterruptedException {
        List<Instance> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(launch("instance-" + (instances.size() + 1)));
        }
        for (Instance instance : started) {
            awaitReady(instance);
        }
        return started;
    }

    public Connection database() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        return DriverManager.getConnection(jdbcUrl, credentials);
    }

    /** How many times the stand-in was asked to send each message, by communication id. */
    Map<String, Integer> requestsPerMessage() {
        Map<String, Integer> counts = new HashMap<>();
        graph.findAll(postRequestedFor(urlEqualTo(MESSAGES))).forEach(request -> {
            try {
                counts.merge(JSON.readTree(request.getBodyAsString()).path("biz_opaque_callback_data").asText(), 1, Integer::sum);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return counts;
    }

    /** @param headers names and values, alternately */
    public HttpResponse<String> postTo(Instance instance, String path, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        for (Instance instance : instances) {
            instance.process.destroy();
        }
        for (Instance instance : instances) {
            instance.process.waitFor();
        }
        graph.stop();
    }

    private Instance launch(String name) throws IOException {
        int port = freePort();
        Path log = Path.of("target", "it-logs", name + "-" + port + ".log");
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + settings.getOrDefault(MAX_HEAP, "256m"), "-jar", System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        String reactiveUrl = jdbcUrl.substring("jdbc:".length());
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "unused");
        env.put("QUARKUS_OIDC_PUBLIC_KEY", localPublicKey());
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", "https://ats.local/issuer");
        env.put("WHATSAPP_MOCK_MODE", "false");
        env.put("WHATSAPP_GRAPH_URL", graph.baseUrl());
        env.put("WHATSAPP_PHONE_NUMBER_ID", "PHONE_NUMBER_ID");
        env.put("WHATSAPP_BUSINESS_ACCOUNT_ID", "WABA_ID");
        env.put("WHATSAPP_ACCESS_TOKEN", "it-access-token");
        env.put("WHATSAPP_APP_SECRET", APP_SECRET);
        env.putAll(settings);
        Instance instance = new Instance(name, port, builder.start());
        instances.add(instance);
        return instance;
    }

    private void awaitReady(Instance instance) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!instance.process.isAlive()) {
                throw new IllegalStateException(instance.name + " stopped during start-up; see target/it-logs");
            }
            try {
                if (http.send(HttpRequest.newBuilder(instance.uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(instance.name + " was not ready within " + START_TIMEOUT);
    }

    /** The public half of the local signing key, as the dev and test profiles trust it. */
    public static String localPublicKey() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ServiceProcesses.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties.getProperty("%dev,test.quarkus.oidc.public-key");
    }

    /** A new database on the PostgreSQL at 127.0.0.1:5432, or an embedded server when none answers there. */
    private static String freshDatabase() throws IOException {
        return freshDatabase(DATABASE);
    }

    /** @return its JDBC URL */
    public static String freshDatabase(String name) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
        } catch (IOException none) {
            return EmbeddedPostgres.start(Files.createTempDirectory("ats-it-postgres"), false);
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the integration-test database", e);
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
