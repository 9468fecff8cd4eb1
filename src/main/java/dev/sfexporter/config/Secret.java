package dev.sfexporter.config;

import java.util.Objects;

/**
 * A credential read from the configuration. Its {@link #toString()} never shows the value, so a
 * secret that ends up in a log line, an exception or a record's toString stays hidden.
 */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The raw value, for the one place that must send it to Salesforce. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "<redacted>";
  }
}
