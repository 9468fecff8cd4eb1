package dev.sfexporter.collect;

import dev.sfexporter.collect.sources.AllSources;
import dev.sfexporter.collect.sources.Source;
import dev.sfexporter.config.AuthType;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.salesforce.ApiVersions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What watching one org costs in Salesforce calls a day, said before it is spent: at start-up, in
 * {@code --check-config} and on the landing page.
 *
 * @param bySource API calls a day of each enabled source (these count against the org's API
 *     requests)
 * @param versions {@code GET /services/data/} look-ups (not counted by Salesforce)
 * @param tokens token requests at most (OAuth, not counted against API limits)
 */
public record CallsPerDay(Map<String, Long> bySource, long versions, long tokens) {
  private static final Duration DAY = Duration.ofDays(1);

  /**
   * One token per session, and Salesforce's default session timeout is 2 h; a session in use is
   * extended, so a healthy org usually needs fewer.
   */
  private static final long TOKENS_PER_DAY = 12;

  public static CallsPerDay of(OrgConfig org) {
    Map<String, Long> bySource = new LinkedHashMap<>();
    for (Source<?> source : AllSources.ALL) {
      SourceConfig settings = org.sources().get(source.name());
      if (settings.enabled()) {
        long refreshes = ceilDiv(DAY.toMillis(), settings.interval().toMillis());
        bySource.put(
            source.name(),
            refreshes * source.callsPerRefresh() + source.extraCallsPerDay(settings));
      }
    }
    long versions = ApiVersions.AUTO.equals(org.apiVersion()) ? 1 : 0;
    long tokens = org.auth().type() == AuthType.ACCESS_TOKEN ? 0 : TOKENS_PER_DAY;
    return new CallsPerDay(Map.copyOf(bySource), versions, tokens);
  }

  /** Calls a day that count against the org's API requests. */
  public long api() {
    return bySource.values().stream().mapToLong(Long::longValue).sum();
  }

  /** API calls of one source, 0 when it is off. */
  public long of(String source) {
    return bySource.getOrDefault(source, 0L);
  }

  public long total() {
    return api() + versions + tokens;
  }

  /** E.g. {@code 365 API (limits 288, licenses 48, …) + 1 versions + up to 12 token}. */
  public String describe() {
    StringBuilder out = new StringBuilder().append(api()).append(" API (");
    String separator = "";
    for (Source<?> source : AllSources.ALL) {
      if (bySource.containsKey(source.name())) {
        out.append(separator).append(source.name()).append(' ').append(of(source.name()));
        separator = ", ";
      }
    }
    out.append(')');
    if (versions > 0) {
      out.append(" + ").append(versions).append(" versions");
    }
    if (tokens > 0) {
      out.append(" + up to ").append(tokens).append(" token");
    }
    return out.toString();
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
