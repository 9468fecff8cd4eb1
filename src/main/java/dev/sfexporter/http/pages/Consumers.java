package dev.sfexporter.http.pages;

import java.time.Instant;
import java.util.List;

/**
 * Who spent the API in the latest ApiTotalUsage event log period, as {@code
 * salesforce_api_usage_requests} exports it, summed per client.
 *
 * @param periodStart null when Salesforce has no log yet
 * @param requests every call in the period
 * @param clients busiest first
 */
public record Consumers(
    Instant periodStart, long periodSeconds, long requests, List<Client> clients) {

  /**
   * @param counted the calls that count against the API request limit
   * @param share of all calls in the period
   * @param byFamily calls per API family (REST, SOAP, Bulk…)
   */
  public record Client(
      String client, long requests, long counted, double share, List<Family> byFamily) {}

  /** Calls of one client in one API family. */
  public record Family(String apiFamily, boolean countsAgainstLimit, long requests) {}
}
