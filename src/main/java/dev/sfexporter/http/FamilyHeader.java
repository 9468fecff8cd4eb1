package dev.sfexporter.http;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;

/**
 * A gauge family's comment lines as client_java 1.x's writers print them: {@code HELP} then {@code
 * TYPE} in the Prometheus text format; {@code TYPE}, {@code UNIT} (when the family has one) then
 * {@code HELP} in OpenMetrics, which also escapes double quotes in the help text.
 */
final class FamilyHeader {
  private FamilyHeader() {}

  static String of(MetricFamilyDescriptor family, boolean openMetrics) {
    if (family.getType() != MetricType.GAUGE) {
      throw new IllegalArgumentException(family.getPrometheusName() + " is not a gauge");
    }
    MetricMetadata metadata = family.getMetadata();
    String name = metadata.getName();
    String help = metadata.getHelp();
    boolean hasHelp = help != null && !help.isEmpty();
    StringBuilder header = new StringBuilder(256);
    if (openMetrics) {
      header.append("# TYPE ").append(name).append(" gauge\n");
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
      if (hasHelp) {
        header.append("# HELP ").append(name).append(' ');
        escape(header, help, false);
        header.append('\n');
      }
      header.append("# TYPE ").append(name).append(" gauge\n");
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
