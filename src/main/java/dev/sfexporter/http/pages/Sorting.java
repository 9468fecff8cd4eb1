package dev.sfexporter.http.pages;

import java.util.Comparator;
import java.util.Locale;

/** The orders a page offers ({@code ?sort=}): fullest first, or by name. */
enum Sorting {
  USAGE("usage", "fullest first"),
  NAME("name", "name");

  final String param;
  final String label;

  Sorting(String param, String label) {
    this.param = param;
    this.label = label;
  }

  static Sorting of(String param) {
    return param != null && param.equals(NAME.param) ? NAME : USAGE;
  }

  /** Fullest first; those without a usage (no cap, not metered) last; then by name. */
  static <M extends Meter> Comparator<M> byUsage() {
    return Comparator.<M, Double>comparing(
            m -> m.usage() == null ? Double.NEGATIVE_INFINITY : m.usage(),
            Comparator.reverseOrder())
        .thenComparing(m -> m.label().toLowerCase(Locale.ROOT));
  }

  static <M extends Meter> Comparator<M> byName() {
    return Comparator.comparing(m -> m.label().toLowerCase(Locale.ROOT));
  }

  <M extends Meter> Comparator<M> comparator() {
    return this == NAME ? byName() : byUsage();
  }
}
