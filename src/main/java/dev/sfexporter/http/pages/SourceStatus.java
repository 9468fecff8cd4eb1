package dev.sfexporter.http.pages;

import java.time.Instant;

/**
 * One source of one org, as {@code salesforce_source_*} exports it.
 *
 * @param state {@code up}, {@code down} or {@code waiting} (not read yet)
 * @param lastSuccessAt null before the first success
 * @param nextAttemptAt when the next refresh may call Salesforce (at the next scrape after it)
 * @param reason the failure reason of the latest attempt, or null
 */
public record SourceStatus(
    String source,
    String state,
    long intervalSeconds,
    Instant lastSuccessAt,
    Instant lastAttemptAt,
    Instant nextAttemptAt,
    String reason,
    String error,
    int failuresInARow) {}
