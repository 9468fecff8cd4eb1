package dev.sfexporter.collect;

import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.logging.LogLine;
import dev.sfexporter.salesforce.LimitsClient;
import dev.sfexporter.salesforce.OrgLimits;
import dev.sfexporter.salesforce.SalesforceException;
import dev.sfexporter.salesforce.auth.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one org's latest /limits answer. A scrape gets the cached answer while it is younger than
 * the refresh interval; otherwise one refresh starts, and every scrape that arrives meanwhile
 * shares it (single-flight). Failures are not cached: the next scrape tries again (credential
 * failures are throttled by the token source's back-off).
 */
public final class OrgRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(OrgRefresher.class);

  private final OrgConfig config;
  private final LimitsClient client;
  private final TokenSource tokens;
  private final Clock clock;
  private final Executor executor;
  private volatile OrgState state;
  private CompletableFuture<OrgState> inFlight;
  private CompletableFuture<OrgState> reportedLate;

  public OrgRefresher(
      OrgConfig config, LimitsClient client, TokenSource tokens, Clock clock, Executor executor) {
    this.config = config;
    this.client = client;
    this.tokens = tokens;
    this.clock = clock;
    this.executor = executor;
  }

  public OrgConfig config() {
    return config;
  }

  public String name() {
    return config.name();
  }

  /** The latest finished refresh, or null before the first one. */
  public OrgState state() {
    return state;
  }

  /** The token source's state for the landing page (back-off, expired token). */
  public String authState() {
    return tokens.state();
  }

  /** The cached state if still fresh, else the (possibly shared) refresh under way. */
  public synchronized CompletableFuture<OrgState> refreshIfStale() {
    OrgState current = state;
    if (isFresh(current)) {
      return CompletableFuture.completedFuture(current);
    }
    if (inFlight != null) {
      return inFlight;
    }
    CompletableFuture<OrgState> started = CompletableFuture.supplyAsync(this::refresh, executor);
    inFlight = started;
    // A quick refresh may already be done: then this clears inFlight at once, on this thread.
    started.whenComplete((result, error) -> clearInFlight(started));
    return started;
  }

  /** A successful answer younger than the refresh interval; failures are never served again. */
  private boolean isFresh(OrgState current) {
    if (current == null || !current.up()) {
      return false;
    }
    Duration age = Duration.between(current.finishedAt(), clock.instant());
    return age.compareTo(config.refreshInterval()) < 0;
  }

  /** Logs once per refresh that it missed a scrape's deadline, not once per waiting scrape. */
  public synchronized void reportLate(CompletableFuture<OrgState> refresh, Duration waited) {
    if (refresh != reportedLate) {
      reportedLate = refresh;
      LOG.warn(
          "{}",
          LogLine.of(
                  "no answer from Salesforce within the scrape deadline; the refresh"
                      + " goes on and will serve a later scrape")
              .with("org", name())
              .with("waited_ms", waited.toMillis()));
    }
  }

  private synchronized void clearInFlight(CompletableFuture<OrgState> finished) {
    if (inFlight == finished) {
      inFlight = null;
    }
  }

  private OrgState refresh() {
    long start = System.nanoTime();
    OrgState previous = state;
    Instant lastSuccess = previous == null ? null : previous.lastSuccessAt();
    OrgState next;
    try {
      OrgLimits limits = client.fetch();
      Instant now = clock.instant();
      next = new OrgState(limits, elapsed(start), now, now, null);
      if (previous != null && !previous.up()) {
        LOG.info(
            "{}",
            LogLine.of("Salesforce answers again")
                .with("org", name())
                .with("limits", limits.limits().size()));
      }
    } catch (SalesforceException e) {
      next = new OrgState(null, elapsed(start), clock.instant(), lastSuccess, e.getMessage());
      logFailure(previous, next);
    } catch (RuntimeException e) {
      // A bug of ours must not take the exporter down; it shows as up 0 and in the log.
      next =
          new OrgState(null, elapsed(start), clock.instant(), lastSuccess, "internal error: " + e);
      LOG.error("{}", LogLine.of("refresh failed unexpectedly").with("org", name()), e);
    }
    state = next;
    return next;
  }

  /** One line when an org starts failing or fails differently; silence while it stays the same. */
  private void logFailure(OrgState previous, OrgState next) {
    if (previous == null || previous.up() || !Objects.equals(previous.error(), next.error())) {
      LOG.warn("{}", LogLine.of("refresh failed").with("org", name()).with("error", next.error()));
    }
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
