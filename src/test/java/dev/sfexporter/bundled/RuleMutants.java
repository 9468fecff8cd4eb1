package dev.sfexporter.bundled;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small changes to a rule file, one at a time: every {@code for:} and {@code keep_firing_for:},
 * every range window and offset, and every non-zero number in an expression, each made a little
 * smaller and a little larger. A test suite that pins the rules fails on each of them.
 */
final class RuleMutants {
  /** One changed copy of a rule file: what was changed, where, and the new text. */
  record Mutant(String file, int line, String description, String text) {}

  private static final Pattern FOR = Pattern.compile("^(\\s+(?:for|keep_firing_for): \"?)(\\w+)");
  private static final Pattern WINDOW = Pattern.compile("(\\[|offset )(\\d+[smhd])");
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\w.:\"])(\\d+(?:\\.\\d+)?)(?![\\w.:\"])");
  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

  private RuleMutants() {}

  /** The line with every match of the pattern overwritten, so nothing in it is mutated twice. */
  private static String blank(String line, Pattern pattern) {
    return pattern.matcher(line).replaceAll(m -> "_".repeat(m.group().length()));
  }

  static List<Mutant> of(String file, String text) {
    List<Mutant> mutants = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    boolean inExpr = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip().replaceFirst("^- ", "");
      if (trimmed.startsWith("expr:")) {
        inExpr = true;
      } else if (trimmed.matches("[a-z_]+:.*") || line.strip().startsWith("- ")) {
        inExpr = false;
      }
      Matcher forMatch = FOR.matcher(line);
      if (forMatch.find()) {
        for (String changed : durations(forMatch.group(2))) {
          add(mutants, file, lines, i, forMatch.start(2), forMatch.end(2), changed);
        }
      }
      if (!inExpr || line.contains("{{")) {
        continue;
      }
      Matcher window = WINDOW.matcher(line);
      while (window.find()) {
        for (String changed : durations(window.group(2))) {
          add(mutants, file, lines, i, window.start(2), window.end(2), changed);
        }
      }
      String unquoted = blank(blank(line, QUOTED), WINDOW);
      Matcher number = NUMBER.matcher(unquoted);
      while (number.find()) {
        BigDecimal value = new BigDecimal(number.group(1));
        if (value.signum() == 0) {
          continue;
        }
        for (String factor : List.of("0.9", "1.1")) {
          String changed =
              value.multiply(new BigDecimal(factor)).stripTrailingZeros().toPlainString();
          add(mutants, file, lines, i, number.start(1), number.end(1), changed);
        }
      }
    }
    return mutants;
  }

  private static void add(
      List<Mutant> mutants, String file, String[] lines, int index, int start, int end, String to) {
    String line = lines[index];
    String[] copy = lines.clone();
    copy[index] = line.substring(0, start) + to + line.substring(end);
    mutants.add(
        new Mutant(
            file,
            index + 1,
            line.substring(start, end) + " -> " + to + " in: " + line.strip(),
            String.join("\n", copy)));
  }

  /** A duration a fifth (at least a minute) shorter and longer, in whole minutes. */
  static List<String> durations(String duration) {
    Matcher m = DURATION.matcher(duration);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a simple duration: " + duration);
    }
    long seconds =
        Long.parseLong(m.group(1))
            * switch (m.group(2)) {
              case "s" -> 1;
              case "m" -> 60;
              case "h" -> 3600;
              default -> 86400;
            };
    long step = Math.max(60, Math.round(seconds / 5.0 / 60) * 60);
    return List.of(format(seconds - step), format(seconds + step));
  }

  static String format(long seconds) {
    if (seconds <= 0) {
      return "0s";
    }
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    return (hours > 0 ? hours + "h" : "")
        + (minutes > 0 ? minutes + "m" : "")
        + (rest > 0 || seconds < 60 ? rest + "s" : "");
  }
}
