package dev.sfexporter.config;

import java.util.List;

/** The configuration is not usable. Each problem names the field it is about. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** One line per problem, each starting with the field path, e.g. {@code orgs[1].auth.type}. */
  public List<String> problems() {
    return problems;
  }
}
