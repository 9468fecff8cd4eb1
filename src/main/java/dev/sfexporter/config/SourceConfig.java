package dev.sfexporter.config;

import java.time.Duration;
import java.util.List;

/**
 * One source of an org: whether it is read, how often, and its own settings.
 *
 * @param objects for {@code record_counts}: the objects to count; empty means every object
 *     Salesforce reports
 * @param apiUsage for {@code api_usage}: which log, how many clients, the download's bounds
 */
public record SourceConfig(
    boolean enabled, Duration interval, List<String> objects, ApiUsageOptions apiUsage) {
  public SourceConfig {
    objects = List.copyOf(objects);
  }

  public SourceConfig(boolean enabled, Duration interval, List<String> objects) {
    this(enabled, interval, objects, ApiUsageOptions.DEFAULTS);
  }

  public static SourceConfig every(Duration interval) {
    return new SourceConfig(true, interval, List.of());
  }

  public SourceConfig withInterval(Duration next) {
    return new SourceConfig(enabled, next, objects, apiUsage);
  }
}
