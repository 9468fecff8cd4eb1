package dev.sfexporter.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way Prometheus writes them: {@code 500ms}, {@code 30s}, {@code 1m30s}. */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("((\\d+)(ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /** Far beyond any sensible setting, and far from overflowing nanosecond arithmetic. */
  static final Duration MAX = Duration.ofDays(3650);

  private static final String LONGEST = "durations go up to 3650d";

  private Durations() {}

  /** Returns the duration, or throws {@link IllegalArgumentException} saying what is expected. */
  public static Duration parse(String text) {
    String trimmed = text.trim();
    if (!WHOLE.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration; write it like 500ms, 30s, 5m, 1h or 1m30s");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(trimmed);
    try {
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        total =
            total.plus(
                switch (part.group(2)) {
                  case "ms" -> Duration.ofMillis(amount);
                  case "s" -> Duration.ofSeconds(amount);
                  case "m" -> Duration.ofMinutes(amount);
                  case "h" -> Duration.ofHours(amount);
                  default -> Duration.ofDays(amount);
                });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too long; " + LONGEST, e);
    }
    if (total.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("\"" + text + "\" is too long; " + LONGEST);
    }
    return total;
  }

  /** Formats a duration back in the same style, for the landing page and logs. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    StringBuilder out = new StringBuilder();
    if (seconds >= 3600) {
      out.append(seconds / 3600).append('h');
      seconds %= 3600;
    }
    if (seconds >= 60) {
      out.append(seconds / 60).append('m');
      seconds %= 60;
    }
    if (seconds > 0 || out.length() == 0) {
      out.append(seconds).append('s');
    }
    return out.toString();
  }
}
