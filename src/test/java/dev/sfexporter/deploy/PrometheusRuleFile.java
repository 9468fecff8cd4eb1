package dev.sfexporter.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * deploy/kubernetes/prometheusrule.yaml as generated from the bundled rule files: kustomize cannot
 * put a file into a custom resource's field, so the file is generated, and a test fails when it
 * differs (UPDATE_GENERATED=1 rewrites it).
 */
final class PrometheusRuleFile {
  static final Path FILE = Path.of("deploy/kubernetes/prometheusrule.yaml");

  /** The bundled rules, recording rules first; thresholds.example.yml is a template to copy. */
  static final List<Path> SOURCES =
      List.of(
          Path.of("alerts/salesforce-recording-rules.yml"),
          Path.of("alerts/salesforce-alerts.yml"));

  private PrometheusRuleFile() {}

  /** Every group of the bundled rule files, in order, as parsed. */
  @SuppressWarnings("unchecked")
  static List<Object> bundledGroups() throws IOException {
    List<Object> groups = new ArrayList<>();
    for (Path source : SOURCES) {
      Map<String, Object> file = new Yaml().load(Files.readString(source));
      groups.addAll((List<Object>) file.get("groups"));
    }
    return groups;
  }

  static String generate() throws IOException {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", "salesforce-exporter");
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("apiVersion", "monitoring.coreos.com/v1");
    rule.put("kind", "PrometheusRule");
    rule.put("metadata", metadata);
    rule.put("spec", Map.of("groups", bundledGroups()));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(200);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    return "# Generated from "
        + String.join(" and ", SOURCES.stream().map(Path::toString).toList())
        + " by KubernetesManifestsTest:\n# do not edit; run UPDATE_GENERATED=1 mvn -o -q"
        + " -Dtest=KubernetesManifestsTest test after changing the rules.\n"
        + new Yaml(new LiteralBlocks(options), options).dump(rule);
  }

  /** Multi-line PromQL as {@code |} blocks, as in the rule files. */
  private static final class LiteralBlocks extends Representer {
    LiteralBlocks(DumperOptions options) {
      super(options);
      this.representers.put(
          String.class,
          data -> {
            String text = (String) data;
            DumperOptions.ScalarStyle style =
                text.contains("\n")
                    ? DumperOptions.ScalarStyle.LITERAL
                    : DumperOptions.ScalarStyle.PLAIN;
            return representScalar(Tag.STR, text, style);
          });
    }

    @Override
    protected Node representScalar(Tag tag, String value, DumperOptions.ScalarStyle style) {
      return super.representScalar(tag, value, style);
    }
  }
}
