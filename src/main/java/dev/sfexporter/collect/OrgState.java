package dev.sfexporter.collect;

import dev.sfexporter.salesforce.OrgLimits;
import java.time.Duration;
import java.time.Instant;

/**
 * What the latest refresh of one org found.
 *
 * @param limits the /limits answer, or null when the refresh failed
 * @param finishedAt when the refresh ended; a success is served from cache until it is too old
 * @param lastSuccessAt the latest successful refresh ever, or null
 * @param error why it failed, or null; free of secrets
 */
public record OrgState(
    OrgLimits limits, Duration duration, Instant finishedAt, Instant lastSuccessAt, String error) {

  public boolean up() {
    return limits != null;
  }
}
