package dev.sfexporter.http.pages;

import com.google.gson.annotations.SerializedName;
import java.time.Instant;

/**
 * An org's state at a glance, from its {@code limits} source (or every source when that is off).
 *
 * @param dataFrom when the shown limit values arrived, or null
 * @param reason why the latest refresh failed ({@code salesforce_refresh_failures_total}'s reason),
 *     or null
 * @param error what Salesforce or the network said, free of secrets, or null
 * @param nextAttemptAt when a scrape may call Salesforce again (the back-off), or null
 */
public record Health(
    State state,
    Instant dataFrom,
    String reason,
    String error,
    int failuresInARow,
    Instant nextAttemptAt) {

  /** up, down (the latest refresh failed), stale (no refresh for long) or waiting. */
  public enum State {
    @SerializedName("up")
    UP,
    @SerializedName("down")
    DOWN,
    @SerializedName("stale")
    STALE,
    /** Not read yet: the exporter reads Salesforce when /metrics is scraped. */
    @SerializedName("waiting")
    WAITING
  }
}
