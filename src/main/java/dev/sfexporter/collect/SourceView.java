package dev.sfexporter.collect;

import java.time.Duration;
import java.time.Instant;

/**
 * What one scrape serves of a source.
 *
 * @param up the latest attempt succeeded and was not late for this scrape
 * @param value the last good answer while younger than {@code max_staleness}, else null
 * @param lastSuccessAt when that answer arrived, or null
 * @param duration wall time of the latest attempt, or of the wait for a late one
 * @param error why it is down, or null
 */
public record SourceView<T>(
    boolean up, T value, Instant lastSuccessAt, Duration duration, String error) {}
