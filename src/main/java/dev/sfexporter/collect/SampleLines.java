package dev.sfexporter.collect;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * A gauge sample as one line of text, exactly as client_java 1.x's text writers print a gauge data
 * point without timestamp or exemplar ({@code PrometheusTextFormatWriter.writeGauge}, {@code
 * OpenMetricsTextFormatWriter.writeGauge}, {@code TextFormatUtil}): the same bytes in the
 * Prometheus text format and in OpenMetrics. Names are written as they are: this exporter's metric
 * and label names are all valid legacy names, which neither format quotes or escapes
 * (SampleLinesTest checks every family's).
 */
final class SampleLines {
  private SampleLines() {}

  /** Appends {@code name{label="value",...} value\n}; labels in {@link Labels}' (sorted) order. */
  static void append(StringBuilder out, String name, Labels labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      for (int i = 0; i < labels.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(labels.getName(i)).append("=\"");
        appendEscaped(out, labels.getValue(i));
        out.append('"');
      }
      out.append('}');
    }
    out.append(' ');
    appendValue(out, value);
    out.append('\n');
  }

  /** As {@code TextFormatUtil.writeDouble}: {@code +Inf}, {@code -Inf}, else Java's own text. */
  static void appendValue(StringBuilder out, double value) {
    if (value == Double.POSITIVE_INFINITY) {
      out.append("+Inf");
    } else if (value == Double.NEGATIVE_INFINITY) {
      out.append("-Inf");
    } else {
      out.append(Double.toString(value));
    }
  }

  /** As {@code TextFormatUtil.writeEscapedString}: backslash, double quote and newline. */
  static void appendEscaped(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }
}
