package dev.sfexporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.ExternalTool;
import dev.sfexporter.testing.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * compose.yaml without a Docker engine: every volume is staged at its container path under a
 * scratch root, and each service's files are checked by the tool that service runs.
 */
class ComposeStackTest {
  @TempDir Path root;
  private Map<String, Map<String, Object>> services;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void stageVolumes() throws IOException {
    Map<String, Object> compose =
        (Map<String, Object>)
            new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Path.of("compose.yaml")));
    services = (Map<String, Map<String, Object>>) compose.get("services");
    for (Map<String, Object> service : services.values()) {
      for (String volume : (List<String>) service.getOrDefault("volumes", List.of())) {
        String[] parts = volume.split(":");
        Path source = Path.of(parts[0]);
        assertTrue(Files.exists(source), "compose mounts a missing path: " + parts[0]);
        FileTrees.copy(source, root.resolve(parts[1].substring(1)));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private String flag(String service, String name) {
    for (String arg : (List<String>) services.get(service).get("command")) {
      if (arg.startsWith(name + "=")) {
        return arg.substring(name.length() + 1);
      }
    }
    throw new AssertionError(service + " has no " + name);
  }

  private Path staged(String containerPath) {
    return root.resolve(containerPath.substring(1));
  }

  @Test
  void prometheusConfigAndItsRulesPassPromtool() throws Exception {
    String promtool = ExternalTool.require("promtool", "prometheus").toString();
    Path config = staged(flag("prometheus", "--config.file"));
    ExternalTool.Result check =
        ExternalTool.run(null, promtool, "check", "config", config.toString());
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("SUCCESS: 2 rule files found"), check.output());
    String text = Files.readString(config);
    assertTrue(
        text.contains("\"exporter:9917\"") && services.containsKey("exporter"),
        "Prometheus scrapes the exporter service on its default port");
    assertTrue(text.contains("\"alertmanager:9093\"") && services.containsKey("alertmanager"));
  }

  @Test
  void alertmanagerConfigPassesAmtool() throws Exception {
    String amtool = ExternalTool.require("amtool", "prometheus-alertmanager").toString();
    ExternalTool.Result check =
        ExternalTool.run(
            null, amtool, "check-config", staged(flag("alertmanager", "--config.file")).toString());
    assertEquals(0, check.exitCode(), check.output());
  }

  @Test
  @SuppressWarnings("unchecked")
  void grafanaFindsItsDatasourceAndDashboardsWhereProvisioningSays() throws Exception {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> datasources =
        yaml.load(Files.readString(staged("/etc/grafana/provisioning/datasources/prometheus.yml")));
    Map<String, Object> prometheus =
        ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
    assertEquals("http://prometheus:9090", prometheus.get("url"), "the compose service name");

    Map<String, Object> dashboards =
        yaml.load(Files.readString(staged("/etc/grafana/provisioning/dashboards/salesforce.yml")));
    Map<String, Object> provider = ((List<Map<String, Object>>) dashboards.get("providers")).get(0);
    Path folder = staged((String) ((Map<String, Object>) provider.get("options")).get("path"));
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(5, files.filter(f -> f.toString().endsWith(".json")).count());
    }
    Map<String, String> environment =
        (Map<String, String>) services.get("grafana").get("environment");
    assertTrue(Files.exists(staged(environment.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theExporterServiceRunsTheDemoFromThisDockerfile() throws Exception {
    Map<String, Object> exporter = services.get("exporter");
    assertEquals(".", exporter.get("build"));
    assertTrue(Files.exists(Path.of("Dockerfile")));
    CommandLine flags =
        CommandLine.parse(((List<String>) exporter.get("command")).toArray(String[]::new));
    assertTrue(flags.demo());
    assertTrue(((List<String>) exporter.get("ports")).contains("9917:9917"));
    assertTrue(Files.readString(Path.of("Dockerfile")).contains("EXPOSE 9917"));
  }
}
