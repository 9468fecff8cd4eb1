package dev.sfexporter.config;

import java.util.List;

/** The configuration is not usable. Each problem names the field it is about. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    this(grouped(problems), true);
  }

  private ConfigException(List<String> grouped, boolean unused) {
    super(String.join("; ", grouped));
    this.problems = List.copyOf(grouped);
  }

  /**
   * The same mistake in many orgs (say, 500 orgs missing one key) is one line with a count, not 500
   * lines that hide the other problems.
   */
  static List<String> grouped(List<String> problems) {
    java.util.Map<String, List<String>> byShape = new java.util.LinkedHashMap<>();
    for (String problem : problems) {
      byShape
          .computeIfAbsent(problem.replaceAll("\\[\\d+]", "[*]"), k -> new java.util.ArrayList<>())
          .add(problem);
    }
    List<String> result = new java.util.ArrayList<>();
    byShape.forEach(
        (shape, same) -> {
          if (same.size() <= 2) {
            result.addAll(same);
          } else {
            result.add(
                same.get(0) + " (and " + (same.size() - 1) + " more places with this problem)");
          }
        });
    return result;
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** One line per problem, each starting with the field path, e.g. {@code orgs[1].auth.type}. */
  public List<String> problems() {
    return problems;
  }
}
