package dev.sfexporter.http.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Figures and times as people read them: "93,412", "87 %", "3 min ago". */
final class Human {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Human() {}

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    return String.format(Locale.ROOT, "%,.2f", value);
  }

  /** A used fraction as a whole percentage, never "100 %" before the cap is reached. */
  static String percent(double usage) {
    double percent = usage * 100;
    if (percent > 0 && percent < 1) {
      return "<1 %";
    }
    long shown = percent < 100 ? (long) Math.floor(percent) : Math.round(percent);
    return shown + " %";
  }

  /** "just now", "45 s ago", "3 min ago", "5 h 10 min ago", "3 days ago"; "in 2 min" ahead. */
  static String relative(Instant then, Instant now) {
    Duration between = Duration.between(then, now);
    boolean future = between.isNegative();
    String span = span(between.abs());
    if (span.isEmpty()) {
      return "just now";
    }
    return future ? "in " + span : span + " ago";
  }

  /** A length of time: "45 s", "3 min", "5 h 10 min", "3 days". Empty under a second. */
  static String span(Duration d) {
    long s = d.toSeconds();
    if (s < 1) {
      return "";
    }
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min";
    }
    if (s < 10 * 3600) {
      long minutes = s % 3600 / 60;
      return s / 3600 + " h" + (minutes == 0 ? "" : " " + minutes + " min");
    }
    if (s < 48 * 3600) {
      return s / 3600 + " h";
    }
    return s / 86400 + " days";
  }

  /** A {@code <time>} element: the relative time, the exact one on hover and for machines. */
  static String time(Instant at, Instant now) {
    if (at == null) {
      return "never";
    }
    return "<time datetime=\""
        + at
        + "\" title=\""
        + UTC.format(at)
        + "\">"
        + relative(at, now)
        + "</time>";
  }

  static String utc(Instant at) {
    return UTC.format(at);
  }

  static String day(Instant at) {
    return DAY.format(at);
  }
}
