package dev.sfexporter.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sfexporter.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped alerts/*.yml and grafana/dashboards/*.json are what mixin/generate makes of the
 * mixin: regenerated into target/ with the real jsonnet and compared byte for byte.
 */
class MixinGeneratedTest {
  private static final Path OUT = Path.of("target/mixin-generated");

  @Test
  void theCommittedFilesAreWhatTheMixinGenerates() throws Exception {
    ExternalTool.require("jsonnet", "jsonnet");
    ExternalTool.Result generate = ExternalTool.run(null, "sh", "mixin/generate", OUT.toString());
    assertEquals(0, generate.exitCode(), generate.output());

    List<String> generated = new ArrayList<>();
    try (Stream<Path> files = Files.walk(OUT)) {
      files.filter(Files::isRegularFile).forEach(f -> generated.add(OUT.relativize(f).toString()));
    }
    assertEquals(
        List.of(
            "alerts/salesforce-alerts.yml",
            "alerts/salesforce-recording-rules.yml",
            "grafana/dashboards/salesforce-api-consumers.json",
            "grafana/dashboards/salesforce-exporter-health.json",
            "grafana/dashboards/salesforce-licences.json",
            "grafana/dashboards/salesforce-org-detail.json",
            "grafana/dashboards/salesforce-overview.json"),
        generated.stream().sorted().toList());
    List<String> stale = new ArrayList<>();
    for (String file : generated) {
      if (!Files.readString(OUT.resolve(file)).equals(Files.readString(Path.of(file)))) {
        stale.add(file);
      }
    }
    assertTrue(
        stale.isEmpty(),
        "edited by hand or not regenerated: "
            + stale
            + "; edit mixin/ and run mixin/generate (see: diff -r "
            + OUT
            + " .)");
  }

  @Test
  void theRepositoryUrlLivesInOnePlace() throws Exception {
    String url = "github.com/salesforce-exporter/salesforce-exporter";
    List<Path> holders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("mixin"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (Files.readString(file).contains(url)) {
          holders.add(file);
        }
      }
    }
    assertEquals(List.of(Path.of("mixin/config.libsonnet")), holders);
  }
}
