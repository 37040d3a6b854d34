package com.atsplatform.communications.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.media.MediaWakeUpResource;
import com.atsplatform.communications.persistence.MigrationConfig;
import com.atsplatform.communications.sending.OutboxWakeUpResource;
import com.atsplatform.communications.sending.ServiceProcesses;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The manifests as shipped: the ones quarkus-kubernetes generated at package time
 * (target/kubernetes) and the hand-written ones (deployment/kubernetes). Each parses into the
 * Kubernetes or Knative model with no field the model does not know (a misspelt field is an
 * error, not a silently ignored line), and agrees with the app and with each other: probe paths
 * answer on the packaged service, ports and names match, every WHATSAPP_* variable is a setting
 * the app reads, and the wake-up job calls the endpoint that exists with the header it checks.
 */
class ManifestsIT {

    private static final List<HasMetadata> RESOURCES = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("target/kubernetes/kubernetes.yml"), Path.of("target/kubernetes/knative.yml")));
        try (Stream<Path> written = Files.list(Path.of("deployment/kubernetes"))) {
            written.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                Object parsed = Serialization.unmarshal(in);
                if (parsed instanceof Collection<?> many) {
                    many.forEach(resource -> RESOURCES.add((HasMetadata) resource));
                } else {
                    RESOURCES.add((HasMetadata) parsed);
                }
            }
        }
    }

    @Test
    void everyManifestFitsTheKubernetesAndKnativeModelsWithNoUnknownField() {
        assertThat(RESOURCES).extracting(HasMetadata::getKind).contains("Deployment", "Service", "Job", "Ingress",
                "PodDisruptionBudget", "HorizontalPodAutoscaler", "CronJob", "ConfigMap", "Secret");
        assertThat(RESOURCES).filteredOn(Service.class::isInstance).hasSize(1);
        for (HasMetadata resource : RESOURCES) {
            if (resource instanceof GenericKubernetesResource generic) {
                // The Prometheus operator's ServiceMonitor: not a core or Knative kind.
                assertThat(generic.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
                continue;
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(resource, resource.getKind() + " " + resource.getMetadata().getName(), unknown);
            assertThat(unknown).as("fields the model does not know").isEmpty();
        }
    }

    @Test
    void theDeploymentServesThroughItsServiceIngressAndAutoscalers() {
        Deployment deployment = one(Deployment.class);
        Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        io.fabric8.kubernetes.api.model.Service service = RESOURCES.stream().filter(io.fabric8.kubernetes.api.model.Service.class::isInstance)
                .map(io.fabric8.kubernetes.api.model.Service.class::cast).findFirst().orElseThrow();

        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(app.getResources().getLimits()).containsKey("memory");
        assertThat(app.getPorts().get(0).getContainerPort()).isEqualTo(8080);
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(app.getPorts().get(0).getContainerPort());
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

        Ingress ingress = one(Ingress.class);
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        assertThat(paths).extracting(HTTPIngressPath::getPath).containsExactlyInAnyOrder("/webhook/whatsapp", "/api");
        assertThat(paths).allSatisfy(path -> {
            assertThat(path.getBackend().getService().getName()).isEqualTo(service.getMetadata().getName());
            assertThat(service.getSpec().getPorts()).extracting(port -> port.getName()).contains(path.getBackend().getService().getPort().getName());
        });

        PodDisruptionBudget budget = one(PodDisruptionBudget.class);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isLessThan(deployment.getSpec().getReplicas());
        HorizontalPodAutoscaler autoscaler = one(HorizontalPodAutoscaler.class);
        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void migrationsRunAsTheirOwnJobThatThePodsWaitFor() {
        Deployment deployment = one(Deployment.class);
        Job migration = one(Job.class);
        Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Container migrate = migration.getSpec().getTemplate().getSpec().getContainers().get(0);
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();

        assertThat(migrate.getImage()).isEqualTo(app.getImage());
        assertThat(migrate.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(org.assertj.core.groups.Tuple.tuple("DATABASE_MIGRATE_AND_EXIT", "true"));
        assertThat(app.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(org.assertj.core.groups.Tuple.tuple("DATABASE_MIGRATE_AT_START", "false"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getInitContainers().get(0).getArgs()).containsExactly("job", migration.getMetadata().getName());
        // The same sources (the generator orders the Deployment's as it pleases; they share no key).
        assertThat(migrate.getEnvFrom()).containsExactlyInAnyOrderElementsOf(app.getEnvFrom());
        Set<String> settings = environmentNames("DATABASE", MigrationConfig.class);
        containers().forEach(container -> container.getEnv().stream().map(EnvVar::getName).filter(name -> name.startsWith("DATABASE_"))
                .forEach(name -> assertThat(settings).as("settings of MigrationConfig").contains(name)));
        // The init container reads the Job with the pods' service account.
        assertThat(one(ServiceAccount.class).getMetadata().getName()).isEqualTo(account);
        RoleBinding binding = one(RoleBinding.class);
        assertThat(binding.getSubjects()).extracting(Subject::getName).containsExactly(account);
        Role role = one(Role.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(role.getRules()).anySatisfy(rule -> {
            assertThat(rule.getResources()).contains("jobs");
            assertThat(rule.getVerbs()).contains("get");
        });
    }

    @Test
    void everyWhatsAppVariableIsASettingTheAppReadsAndEverySourceExists() {
        Set<String> settings = environmentNames("WHATSAPP", WhatsAppConfig.class);
        Set<String> secretKeys = new HashSet<>(one(Secret.class).getStringData().keySet());
        Set<String> configKeys = new HashSet<>(one(ConfigMap.class).getData().keySet());
        List<String> names = new ArrayList<>();
        names.addAll(secretKeys);
        names.addAll(configKeys);
        containers().forEach(container -> container.getEnv().forEach(env -> names.add(env.getName())));

        assertThat(names.stream().filter(name -> name.startsWith("WHATSAPP_")).toList()).isNotEmpty().allSatisfy(name -> assertThat(settings).contains(name));
        for (Container container : containers()) {
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getSecretRef() != null) {
                    assertThat(source.getSecretRef().getName()).isEqualTo(one(Secret.class).getMetadata().getName());
                }
                if (source.getConfigMapRef() != null) {
                    assertThat(source.getConfigMapRef().getName()).isEqualTo(one(ConfigMap.class).getMetadata().getName());
                }
            }
        }
    }

    @Test
    void theWakeUpJobCallsTheDrainEndpointWithItsTokenAndTheKnativeServiceScalesToZero() {
        CronJob wakeUp = one(CronJob.class);
        Container job = wakeUp.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        String script = String.join("\n", job.getCommand());
        String drainUrl = job.getEnv().stream().filter(env -> env.getName().equals("DRAIN_URL")).findFirst().orElseThrow().getValue();
        String path = OutboxWakeUpResource.class.getAnnotation(jakarta.ws.rs.Path.class).value();

        String mediaUrl = job.getEnv().stream().filter(env -> env.getName().equals("MEDIA_URL")).findFirst().orElseThrow().getValue();

        assertThat(URI.create(drainUrl).getPath()).isEqualTo(path);
        assertThat(URI.create(drainUrl).getHost()).isEqualTo(one(Deployment.class).getMetadata().getName());
        assertThat(URI.create(mediaUrl).getPath()).isEqualTo(MediaWakeUpResource.class.getAnnotation(jakarta.ws.rs.Path.class).value());
        assertThat(URI.create(mediaUrl).getHost()).isEqualTo(one(Deployment.class).getMetadata().getName());
        assertThat(script).contains(OutboxWakeUpResource.HEADER + ": $WHATSAPP_OUTBOX_WAKE_UP_TOKEN").contains("$WAKE_UP_DATABASE_URL")
                .contains("from reminders where status = 'scheduled' and due_at <= now()")
                .contains("from media_downloads where next_attempt_at <= now()").contains("\"$MEDIA_URL\"");
        assertThat(one(Secret.class).getStringData()).containsKeys("WHATSAPP_OUTBOX_WAKE_UP_TOKEN", "WAKE_UP_DATABASE_URL");

        Service knative = one(Service.class);
        assertThat(knative.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("autoscaling.knative.dev/min-scale", "0");
        assertThat(knative.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort()).isEqualTo(8080);
    }

    @Test
    void everyProbePathAnswersOnThePackagedService() throws Exception {
        Set<String> paths = new HashSet<>();
        for (Container container : containers()) {
            for (Probe probe : new Probe[] { container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe() }) {
                if (probe != null && probe.getHttpGet() != null) {
                    paths.add(probe.getHttpGet().getPath());
                }
            }
        }
        assertThat(paths).contains("/q/health/live", "/q/health/ready");

        HttpClient http = HttpClient.newHttpClient();
        try (ServiceProcesses service = new ServiceProcesses(Map.of())) {
            ServiceProcesses.Instance instance = service.start(1).get(0);
            for (String path : paths) {
                assertThat(http.send(HttpRequest.newBuilder(instance.uri(path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                        .as(path).isEqualTo(200);
            }
        }
    }

    private static <T> T one(Class<T> type) {
        List<T> found = RESOURCES.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static List<Container> containers() {
        List<Container> containers = new ArrayList<>();
        for (HasMetadata resource : RESOURCES) {
            if (resource instanceof Deployment deployment) {
                containers.addAll(deployment.getSpec().getTemplate().getSpec().getContainers());
            } else if (resource instanceof Job job) {
                containers.addAll(job.getSpec().getTemplate().getSpec().getContainers());
            } else if (resource instanceof CronJob cronJob) {
                containers.addAll(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers());
            } else if (resource instanceof Service knative) {
                containers.addAll(knative.getSpec().getTemplate().getSpec().getContainers());
            }
        }
        return containers;
    }

    /** Environment names of a config mapping's keys, as SmallRye Config maps them (WHATSAPP_OUTBOX_WAKE_UP_TOKEN). */
    private static Set<String> environmentNames(String prefix, Class<?> mapping) {
        Set<String> names = new HashSet<>();
        for (Method method : mapping.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            String name = prefix + "_" + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getDeclaringClass() == mapping) {
                names.addAll(environmentNames(name, type));
            } else {
                names.add(name);
            }
        }
        return names;
    }

    /** Paths of every non-empty {@code additionalProperties} in the tree: fields the model does not know. */
    private static void unknownFields(Object node, String path, List<String> unknown) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() > 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    unknownFields(value, path + "." + getter.getName().substring(3), unknown);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(path + "." + getter.getName(), e);
            }
        }
    }
}
