package dev.sfexporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sfexporter.testing.ExternalTool;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes: kustomize builds it, and every object it builds is valid against its
 * Kubernetes or prometheus-operator model, with no field the model does not know.
 */
class KubernetesManifestsTest {
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "ServiceAccount", ServiceAccount.class,
          "ConfigMap", ConfigMap.class,
          "Secret", Secret.class,
          "Service", Service.class,
          "Deployment", Deployment.class,
          "NetworkPolicy", NetworkPolicy.class,
          "ServiceMonitor", ServiceMonitor.class,
          "PrometheusRule", PrometheusRule.class);

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void thePrometheusRuleIsTheBundledRules() throws Exception {
    String expected = PrometheusRuleFile.generate();
    if ("1".equals(System.getenv("UPDATE_GENERATED"))) {
      Files.writeString(PrometheusRuleFile.FILE, expected);
    }
    assertEquals(
        expected,
        Files.readString(PrometheusRuleFile.FILE),
        PrometheusRuleFile.FILE
            + " is out of date with alerts/: run UPDATE_GENERATED=1 mvn -o -q"
            + " -Dtest=KubernetesManifestsTest test");
  }

  @Test
  void kustomizeBuildsObjectsThatMatchTheirSchemas() throws Exception {
    Map<String, HasMetadata> built = build();

    assertEquals(KINDS.keySet(), built.keySet());
    PrometheusRule rule = (PrometheusRule) built.get("PrometheusRule");
    // Read back through the operator's model: nothing of the rules lost or renamed.
    assertEquals(
        PrometheusRuleFile.bundledGroups(),
        json.convertValue(rule.getSpec().getGroups(), List.class));
  }

  @Test
  void theDeploymentRunsLockedDownWithProbesAndItsGeneratedConfig() throws Exception {
    Map<String, HasMetadata> built = build();
    Deployment deployment = (Deployment) built.get("Deployment");
    var pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    assertTrue(pod.getSecurityContext().getRunAsNonRoot());
    assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(false, container.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals("/-/healthy", container.getLivenessProbe().getHttpGet().getPath());
    assertEquals("/-/ready", container.getReadinessProbe().getHttpGet().getPath());
    long limit =
        Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).longValue();
    assertTrue(limit >= 256L << 20, "memory limit below the measured 256 MiB RSS: " + limit);
    String configMap = built.get("ConfigMap").getMetadata().getName();
    String secret = built.get("Secret").getMetadata().getName();
    assertTrue(configMap.startsWith("salesforce-exporter-config-"), configMap);
    assertTrue(
        pod.getVolumes().stream()
            .anyMatch(
                v -> v.getConfigMap() != null && configMap.equals(v.getConfigMap().getName())));
    assertTrue(
        pod.getVolumes().stream()
            .anyMatch(v -> v.getSecret() != null && secret.equals(v.getSecret().getSecretName())));
    Service service = (Service) built.get("Service");
    assertEquals(
        deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
    ServiceMonitor monitor = (ServiceMonitor) built.get("ServiceMonitor");
    // The bundled rules and dashboards select job="salesforce".
    assertEquals(
        "salesforce", service.getMetadata().getLabels().get(monitor.getSpec().getJobLabel()));
  }

  @Test
  void theNetworkPolicyLetsOnlyPrometheusInAndHttpsAndDnsOut() throws Exception {
    NetworkPolicy policy = (NetworkPolicy) build().get("NetworkPolicy");

    assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
    assertEquals(1, policy.getSpec().getIngress().size());
    assertEquals(
        Map.of("app.kubernetes.io/name", "prometheus"),
        policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels());
    assertEquals(
        Set.of(443, 53),
        Set.copyOf(
            policy.getSpec().getEgress().stream()
                .flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal())
                .toList()));
  }

  @Test
  void aFieldTheSchemaDoesNotKnowFailsTheCheck() {
    Map<String, Object> deployment =
        new Yaml()
            .load(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"
                    + "spec: {replicaz: 2, template: {spec: {containers: [{name: a, imagePullPolicy: Always, imag: b}]}}}\n");

    AssertionError error =
        assertThrows(AssertionError.class, () -> SchemaCheck.parse(json, deployment, KINDS));
    assertTrue(error.getMessage().contains("spec.replicaz"), error.getMessage());
    assertTrue(error.getMessage().contains("imag"), error.getMessage());
  }

  private Map<String, HasMetadata> build() throws Exception {
    ExternalTool.require("kubectl", "kubectl (or a kubectl binary with kustomize built in)");
    ExternalTool.Result result =
        ExternalTool.run(null, "kubectl", "kustomize", "deploy/kubernetes");
    assertEquals(0, result.exitCode(), result.output());
    Map<String, HasMetadata> byKind = new LinkedHashMap<>();
    for (Object document : new Yaml().loadAll(result.output())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) document;
      HasMetadata parsed = SchemaCheck.parse(json, object, KINDS);
      assertEquals(null, byKind.put(parsed.getKind(), parsed), "two " + parsed.getKind());
    }
    return byKind;
  }
}
