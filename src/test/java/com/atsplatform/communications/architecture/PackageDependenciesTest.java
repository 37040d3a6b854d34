package com.atsplatform.communications.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The arrows between our packages, read from the imports of the main sources (docs/architecture.md
 * draws them): no cycle, and the pure and adapter packages know none of our records.
 */
class PackageDependenciesTest {

    private static final String ROOT = "com.atsplatform.communications";
    private static final Path SOURCES = Path.of("src/main/java/com/atsplatform/communications");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?" + Pattern.quote(ROOT) + "\\.([a-z.]+)\\.[A-Z]",
            Pattern.MULTILINE);

    /** package → the packages it imports from (ours only, itself excluded). */
    private static final Map<String, Set<String>> GRAPH = imports();

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        assertThat(cycles()).as("package cycles in %s", GRAPH).isEmpty();
    }

    @Test
    void theClassifierDependsOnNothingOfOurs() {
        assertThat(GRAPH.getOrDefault("classification", Set.of())).isEmpty();
    }

    @Test
    void theGatewaySpeaksMetaOnlyAndKnowsNoneOfOurRecords() {
        assertThat(GRAPH.getOrDefault("whatsapp", Set.of())).isSubsetOf("config", "api", "persistence");
        assertThat(GRAPH.getOrDefault("whatsapp.graph", Set.of())).isSubsetOf("whatsapp", "config", "api", "persistence");
    }

    @Test
    void theFunnelReadsNoFeatureAndTheRemindersKnowOnlyTheMessagesTheyMake() {
        assertThat(GRAPH.getOrDefault("analytics", Set.of())).isSubsetOf("api", "persistence", "problem", "security");
        assertThat(GRAPH.getOrDefault("reminder", Set.of())).isSubsetOf("communication", "config");
    }

    @Test
    void mediaDownloadsKnowTheRecordTheyFillAndTheGatewayNoFeatureAbove() {
        assertThat(GRAPH.getOrDefault("media", Set.of())).isSubsetOf("api", "communication", "whatsapp", "config", "persistence", "problem",
                "security");
        assertThat(GRAPH.get("webhook")).contains("media");
    }

    @Test
    void theGraphIsReadFromTheSources() {
        assertThat(GRAPH).containsKeys("communication", "webhook", "whatsapp", "classification", "application", "candidate");
        assertThat(GRAPH.get("webhook")).contains("communication");
    }

    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String from = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> targets = graph.computeIfAbsent(from, key -> new TreeSet<>());
                Matcher matcher = IMPORT.matcher(read(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(from)) {
                        targets.add(matcher.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** Strongly connected components of more than one package (Tarjan). */
    private static List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> components = new ArrayList<>();
        for (String node : GRAPH.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, index, low, stack, components);
            }
        }
        return components.stream().filter(component -> component.size() > 1).toList();
    }

    private static void connect(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : GRAPH.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, index, low, stack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
