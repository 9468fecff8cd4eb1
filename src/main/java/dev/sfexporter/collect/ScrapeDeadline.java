package dev.sfexporter.collect;

import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import java.time.Duration;

/** How long one scrape may wait for Salesforce. */
final class ScrapeDeadline {
  static final String HEADER = "X-Prometheus-Scrape-Timeout-Seconds";

  /** Left for building and sending the answer, so Prometheus gets it before it gives up. */
  static final Duration MARGIN = Duration.ofMillis(500);

  /** Prometheus caps scrape timeouts at the interval; nobody waits longer than this for one. */
  static final double MAX_SECONDS = 600;

  private ScrapeDeadline() {}

  /**
   * Prometheus's own deadline minus a margin when it sends one (never less than half of it), else
   * the configured timeout.
   */
  static Duration budget(PrometheusScrapeRequest request, Duration configured) {
    if (request instanceof PrometheusHttpRequest http) {
      String header = http.getHeader(HEADER);
      if (header != null) {
        try {
          double seconds = Double.parseDouble(header.strip());
          if (seconds > 0 && Double.isFinite(seconds)) {
            // 1e300 would overflow the nanosecond arithmetic of the wait: cap it.
            Duration sent = Duration.ofMillis((long) (Math.min(seconds, MAX_SECONDS) * 1000));
            Duration less = sent.minus(MARGIN);
            Duration half = sent.dividedBy(2);
            return less.compareTo(half) > 0 ? less : half;
          }
        } catch (NumberFormatException e) {
          // A malformed header is Prometheus's problem, not a reason to fail: use our timeout.
        }
      }
    }
    return configured;
  }
}
