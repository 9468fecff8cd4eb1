package dev.sfexporter.http;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;

/**
 * A gauge's or counter's comment lines as client_java 1.x's writers print them: {@code HELP} then
 * {@code TYPE} in the Prometheus text format, a counter under its {@code _total} name; {@code
 * TYPE}, {@code UNIT} (when the family has one) then {@code HELP} in OpenMetrics, a counter under
 * its base name, and double quotes in the help text escaped.
 */
final class FamilyHeader {
  private FamilyHeader() {}

  static String of(MetricFamilyDescriptor family, boolean openMetrics) {
    String type =
        switch (family.getType()) {
          case GAUGE -> "gauge";
          case COUNTER -> "counter";
          default ->
              throw new IllegalArgumentException(
                  family.getPrometheusName() + " is neither a gauge nor a counter");
        };
    MetricMetadata metadata = family.getMetadata();
    String name = metadata.getName();
    String help = metadata.getHelp();
    boolean hasHelp = help != null && !help.isEmpty();
    StringBuilder header = new StringBuilder(256);
    if (openMetrics) {
      header.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      if (metadata.getUnit() != null) {
        header.append("# UNIT ").append(name).append(' ');
        escape(header, metadata.getUnit().toString(), true);
        header.append('\n');
      }
      if (hasHelp) {
        header.append("# HELP ").append(name).append(' ');
        escape(header, help, true);
        header.append('\n');
      }
    } else {
      String fullName = family.getType() == MetricType.COUNTER ? name + "_total" : name;
      if (hasHelp) {
        header.append("# HELP ").append(fullName).append(' ');
        escape(header, help, false);
        header.append('\n');
      }
      header.append("# TYPE ").append(fullName).append(' ').append(type).append('\n');
    }
    return header.toString();
  }

  private static void escape(StringBuilder out, String text, boolean quotes) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(quotes ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
  }
}
