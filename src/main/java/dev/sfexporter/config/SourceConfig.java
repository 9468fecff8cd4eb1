package dev.sfexporter.config;

import java.time.Duration;
import java.util.List;

/**
 * One source of an org: whether it is read, how often, and its own settings.
 *
 * @param objects for {@code record_counts}: the objects to count; empty means every object
 *     Salesforce reports
 */
public record SourceConfig(boolean enabled, Duration interval, List<String> objects) {
  public SourceConfig {
    objects = List.copyOf(objects);
  }

  public static SourceConfig every(Duration interval) {
    return new SourceConfig(true, interval, List.of());
  }

  public SourceConfig withInterval(Duration next) {
    return new SourceConfig(enabled, next, objects);
  }
}
