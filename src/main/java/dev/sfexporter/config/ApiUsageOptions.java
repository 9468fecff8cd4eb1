package dev.sfexporter.config;

import java.time.Duration;

/**
 * Settings of the {@code api_usage} source.
 *
 * @param logInterval {@code Daily} (every org with API access) or {@code Hourly} (Event Monitoring)
 * @param maxClients the busiest clients keep their name; the rest are summed as {@code other}
 * @param byUser adds a {@code user} label
 * @param maxLogBytes cap on the bytes one log download may take
 * @param downloadTimeout cap on the time one log download may take
 */
public record ApiUsageOptions(
    String logInterval,
    int maxClients,
    boolean byUser,
    long maxLogBytes,
    Duration downloadTimeout) {
  public static final ApiUsageOptions DEFAULTS =
      new ApiUsageOptions("Daily", 50, false, 2L << 30, Duration.ofMinutes(10));

  /** The seconds one log covers. */
  public long periodSeconds() {
    return logInterval.equals("Hourly") ? 3600 : 86400;
  }
}
