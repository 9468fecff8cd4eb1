package dev.sfexporter.http.pages;

import java.time.Instant;
import java.util.Map;

/**
 * What watching the org cost: the exporter's own Salesforce calls.
 *
 * @param since start of the counted window: 24 h ago, or when the exporter began watching the org
 * @param requests calls since {@code since}, per endpoint
 * @param failures failed calls since {@code since}, per endpoint that had any
 * @param expectedApiPerDay the API calls a day the configuration implies
 * @param sinceStart {@code salesforce_exporter_api_requests_total} per endpoint
 */
public record OwnCalls(
    Instant since,
    long total,
    long failed,
    Map<String, Long> requests,
    Map<String, Long> failures,
    long expectedApiPerDay,
    String expected,
    Map<String, Long> sinceStart) {}
