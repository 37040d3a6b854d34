package com.atsplatform.communications.fuzz;

import static com.atsplatform.communications.Api.asRecruiter;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;


/**
 * Hostile input, generated from a fixed seed (a failure can be replayed): Meta's
 * payload shapes mutated (wrong types, missing and extra fields, deep nesting, huge strings, lone
 * surrogates, invalid UTF-8, numbers for strings) and validly signed, then generated bodies and
 * parameters for every {@code /api/v1} operation of the OpenAPI document. Never a 5xx, nothing
 * malformed stored, the service healthy afterwards.
 */
@QuarkusTest
class FuzzTest {

    private static final int WEBHOOK_BODIES = 10_000;
    private static final int BODIES_PER_OPERATION = 150;
    private static final long SEED = 20261127L;
    private static final String LONE_SURROGATE = "LONE_SURROGATE_MARK";
    private static final String DEEP_NESTING = "DEEP_NESTING_MARK";
    private static final List<String> SHAPES = List.of("inbound-button.json", "inbound-image.json", "inbound-interactive.json",
            "inbound-text-reply.json", "status-delivered-and-read.json", "status-failed.json", "status-sent.json",
            "user-preferences-stop.json");

    private final Random random = new Random(SEED);
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void mutatedSignedWebhooksNeverGetA5xxNorStoreMalformedRows() throws Exception {
        TestRows rows = new TestRows(pool);
        OffsetDateTime start = rows.one("select now() as now", Tuple.tuple()).getOffsetDateTime("now");
        Map<Integer, Integer> answers = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();

        for (int i = 0; i < WEBHOOK_BODIES; i++) {
            byte[] body = mutatedWebhook();
            int status = given().contentType("application/json").header("X-Hub-Signature-256", TestRows.sign(body, TestRows.SECRET))
                    .body(body).post("/webhook/whatsapp").statusCode();
            answers.merge(status, 1, Integer::sum);
            if (status >= 500 && serverErrors.size() < 5) {
                serverErrors.add(new String(body, StandardCharsets.UTF_8));
            }
        }
        System.out.printf("Fuzzed %d signed webhook bodies (seed %d): answers by code %s%n", WEBHOOK_BODIES, SEED, answers);

        assertThat(serverErrors).as("bodies answered 5xx").isEmpty();
        assertThat(answers).containsKeys(200, 400);
        assertThat(rows.count("""
                select count(*) from communications
                 where created_at >= $1
                   and (direction <> 'inbound' or whatsapp_message_id is null or length(whatsapp_message_id) > 128
                        or (recipient_phone is not null and recipient_phone !~ '^\\+[1-9][0-9]{6,14}$'))""", Tuple.of(start)))
                .as("rows stored from the fuzz that are not well-formed inbound messages").isZero();
        assertHealthy();
    }

    @Test
    void generatedApiRequestsNeverGetA5xx() throws Exception {
        JsonNode openApi = mapper.readTree(given().accept("application/json").get("/q/openapi").asString());
        Map<Integer, Integer> answers = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        int requests = 0;

        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!List.of("get", "post", "patch", "put", "delete").contains(method.getKey())) {
                    continue;
                }
                for (int i = 0; i < BODIES_PER_OPERATION; i++) {
                    RequestSpecification request = asRecruiter();
                    String uri = path.getKey();
                    for (JsonNode parameter : method.getValue().path("parameters")) {
                        String name = parameter.path("name").asText();
                        String in = parameter.path("in").asText();
                        if (in.equals("path")) {
                            uri = uri.replace("{" + name + "}", random.nextInt(4) == 0 ? urlSafe(value()) : UUID.randomUUID().toString());
                        } else if (in.equals("query") && random.nextBoolean()) {
                            request = request.queryParam(name, String.valueOf(value()));
                        } else if (in.equals("header") && random.nextInt(3) == 0) {
                            request = request.header(name, asciiHeader(String.valueOf(value())));
                        }
                    }
                    if (!method.getKey().equals("get")) {
                        request = random.nextInt(10) == 0 ? request.body(randomBytes()) : request.body(body(method.getValue(), openApi));
                    }
                    int status = request.request(method.getKey().toUpperCase(), uri).statusCode();
                    requests++;
                    answers.merge(status, 1, Integer::sum);
                    if (status >= 500 && serverErrors.size() < 5) {
                        serverErrors.add(method.getKey() + " " + uri);
                    }
                }
            }
        }
        System.out.printf("Fuzzed %d API requests (seed %d): answers by code %s%n", requests, SEED, answers);

        assertThat(requests).isGreaterThanOrEqualTo(12 * BODIES_PER_OPERATION);
        assertThat(serverErrors).as("requests answered 5xx").isEmpty();
        assertHealthy();
    }

    // --- Webhook bodies ----------------------------------------------------------------------------

    private byte[] mutatedWebhook() throws Exception {
        JsonNode tree = mapper.readTree(TestRows.payload(pick(SHAPES), Map.of("wamid.OUTBOUND_ID", TestRows.wamid(),
                "COMMUNICATION_UUID", UUID.randomUUID().toString(), "wamid.INBOUND_TEXT_ID", TestRows.wamid())));
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutate(tree);
        }
        String json = mapper.writeValueAsString(tree)
                .replace("\"" + LONE_SURROGATE + "\"", "\"\\uD800x\"")
                .replace("\"" + DEEP_NESTING + "\"", "[".repeat(5_000) + "]".repeat(5_000));
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return random.nextInt(8) == 0 ? corrupt(bytes) : bytes;
    }

    /** One change somewhere in the tree. */
    private void mutate(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode container = pick(containers);
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int choice = random.nextInt(4);
            if (choice == 0 && !names.isEmpty()) {
                object.remove(pick(names));
            } else if (choice == 1) {
                object.set(text(1, 20), strange());
            } else if (!names.isEmpty()) {
                object.set(pick(names), strange());
            }
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(strange());
            } else {
                array.set(random.nextInt(array.size()), strange());
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    /** A value of the wrong type, size or encoding for wherever it lands. */
    private JsonNode strange() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(12)) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.numberNode(random.nextLong());
            case 2 -> nodes.numberNode((random.nextBoolean() ? -1 : 1) * random.nextDouble() * Math.pow(10, random.nextInt(300)));
            case 3 -> nodes.booleanNode(random.nextBoolean());
            case 4 -> nodes.objectNode().put(text(0, 8), text(0, 30));
            case 5 -> nodes.arrayNode().add(random.nextInt()).add("x");
            case 6 -> nodes.textNode("x".repeat(1 + random.nextInt(300_000)));
            case 7 -> nodes.textNode(LONE_SURROGATE);
            case 8 -> nodes.textNode(DEEP_NESTING);
            case 9 -> nodes.textNode(text(0, 200));
            case 10 -> nodes.textNode(chars("0123456789+- ()", 40));
            default -> nodes.textNode(pick(List.of("sent", "delivered", "read", "failed", "text", "button", "interactive",
                    "image", "stop", "resume", "", " ", "wamid.", "1764064710", "-1", "9999999999999999999")));
        };
    }

    /** Invalid UTF-8, a cut-off body, or trailing garbage. */
    private byte[] corrupt(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(3)) {
            case 0 -> {
                out.write(bytes, 0, at);
                out.write(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE }, 0, 4);
                out.write(bytes, at, bytes.length - at);
            }
            case 1 -> out.write(bytes, 0, at);
            default -> {
                out.write(bytes, 0, bytes.length);
                out.write(randomBytes(), 0, 16);
            }
        }
        return out.toByteArray();
    }

    // --- API requests --------------------------------------------------------------------------------

    /** A JSON object with some of the operation's body properties (as the document names them), oddly valued, plus strangers. */
    private String body(JsonNode operation, JsonNode openApi) throws Exception {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.has("$ref")) {
            schema = openApi.at(schema.path("$ref").asText().substring(1));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext();) {
            String name = names.next();
            if (random.nextInt(4) != 0) {
                body.set(name, random.nextInt(3) == 0 ? mapper.valueToTree(UUID.randomUUID().toString()) : strangeForApi());
            }
        }
        if (random.nextInt(5) == 0) {
            body.set(chars("abcdefghijklmnopqrstuvwxyz", 10) + "x", strangeForApi());
        }
        return random.nextInt(20) == 0 ? "[" + mapper.writeValueAsString(body) + "]" : mapper.writeValueAsString(body);
    }

    private JsonNode strangeForApi() {
        JsonNode value = strange();
        // Keep API bodies under the HTTP limit: huge strings are the webhook's test.
        return value.isTextual() && value.asText().length() > 5_000 ? JsonNodeFactory.instance.textNode(value.asText().substring(0, 5_000))
                : value.isTextual() && (value.asText().equals(DEEP_NESTING) || value.asText().equals(LONE_SURROGATE))
                        ? JsonNodeFactory.instance.textNode("\uD83D\uDE00\u0000\u202E")
                        : value;
    }

    private Object value() {
        return switch (random.nextInt(8)) {
            case 0 -> random.nextInt();
            case 1 -> random.nextLong();
            case 2 -> "";
            case 3 -> text(0, 50);
            case 4 -> pick(List.of("pending", "SENT", "interested", "whatsapp", "2026-13-45", "2026-11-27T10:00:00Z", "-1", "1e9"));
            case 5 -> UUID.randomUUID().toString().substring(0, 20);
            case 6 -> "9".repeat(40);
            default -> chars("%&=?/#\\\"'<>", 10);
        };
    }

    private static String urlSafe(Object value) {
        String text = String.valueOf(value).replaceAll("[^A-Za-z0-9._~-]", "");
        return text.isEmpty() ? "x" : text;
    }

    private static String asciiHeader(String value) {
        return value.replaceAll("[^\\x20-\\x7E]", "");
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    // --- Helpers -------------------------------------------------------------------------------------

    /** Any code points: ASCII, accents, emoji, controls, right-to-left marks, NUL. */
    private String text(int min, int max) {
        StringBuilder text = new StringBuilder();
        int length = min + random.nextInt(max - min + 1);
        while (text.length() < length) {
            int codePoint = switch (random.nextInt(5)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0xA0 + random.nextInt(0x2000);
                case 2 -> 0x1F300 + random.nextInt(0x300);
                case 3 -> random.nextInt(0x20);
                default -> 0x200B + random.nextInt(0x30);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private String chars(String alphabet, int max) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static void assertHealthy() {
        given().get("/q/health/ready").then().statusCode(200);
        String body = TestRows.payload("status-sent.json", Map.of("wamid.OUTBOUND_ID", TestRows.wamid(),
                "COMMUNICATION_UUID", UUID.randomUUID().toString()));
        TestRows.post(body).statusCode(200);
    }
}
