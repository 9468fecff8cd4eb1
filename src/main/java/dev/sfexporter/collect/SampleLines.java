package dev.sfexporter.collect;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashMap;
import java.util.Map;

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

  /** Renders samples into each family's lines; a counter's under its {@code _total} name. */
  static final class Sink implements OrgStatus.Sink {
    private final Map<String, StringBuilder> byFamily = new HashMap<>();

    @Override
    public void gauge(String family, Labels labels, double value) {
      append(byFamily.computeIfAbsent(family, f -> new StringBuilder(4096)), family, labels, value);
    }

    @Override
    public void counter(String family, Labels labels, double value) {
      StringBuilder lines = byFamily.computeIfAbsent(family, f -> new StringBuilder(256));
      append(lines, family + "_total", labels, value);
    }

    /** Each family's lines, UTF-8 encoded, as the writers' output stream encodes them. */
    Map<String, byte[]> bytes() {
      Map<String, byte[]> bytes = new HashMap<>();
      byFamily.forEach((family, lines) -> bytes.put(family, lines.toString().getBytes(UTF_8)));
      return Map.copyOf(bytes);
    }
  }

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
    int first = firstToEscape(value);
    if (first < 0) {
      out.append(value); // the usual case: one copy, not a char at a time
      return;
    }
    out.append(value, 0, first);
    for (int i = first; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  private static int firstToEscape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '"' || c == '\n') {
        return i;
      }
    }
    return -1;
  }
}
