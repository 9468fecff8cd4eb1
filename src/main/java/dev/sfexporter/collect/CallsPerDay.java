package dev.sfexporter.collect;

import dev.sfexporter.config.AuthType;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.salesforce.ApiVersions;
import java.time.Duration;

/**
 * What watching one org costs in Salesforce calls a day, said before it is spent: at start-up, in
 * {@code --check-config} and on the landing page.
 */
public record CallsPerDay(long limits, long versions, long tokens) {
  private static final Duration DAY = Duration.ofDays(1);

  /**
   * Token requests: one per session, and Salesforce's default session timeout is 2 h; a healthy org
   * usually needs fewer, as a session in use is extended.
   */
  private static final long TOKENS_PER_DAY = 12;

  public static CallsPerDay of(OrgConfig org) {
    long limits = ceilDiv(DAY.toMillis(), org.refreshInterval().toMillis());
    long versions = ApiVersions.AUTO.equals(org.apiVersion()) ? 1 : 0;
    long tokens = org.auth().type() == AuthType.ACCESS_TOKEN ? 0 : TOKENS_PER_DAY;
    return new CallsPerDay(limits, versions, tokens);
  }

  /** The calls that count against the org's DailyApiRequests (token requests do not). */
  public long countedAgainstLimit() {
    return limits;
  }

  public long total() {
    return limits + versions + tokens;
  }

  /** E.g. {@code 288 /limits + 1 versions + ≤12 token}. */
  public String describe() {
    return limits
        + " /limits"
        + (versions > 0 ? " + " + versions + " versions" : "")
        + (tokens > 0 ? " + up to " + tokens + " token" : "");
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
