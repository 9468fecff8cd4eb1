package dev.sfexporter.salesforce;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.logging.LogLine;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.core5.http.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API version an org's calls use: pinned in the config, or {@code auto}, the newest one
 * the org's {@code GET /services/data/} lists (that resource needs no session and does not count
 * against API limits). Looked up once per instance and again daily, so a Salesforce release is
 * picked up without a restart.
 */
public final class ApiVersions {
  public static final String AUTO = "auto";
  public static final String ENDPOINT = "versions";

  /** Versions 21.0–30.0 are retired and answer 410. */
  public static final double MINIMUM = 31.0;

  static final Duration LOOKUP_EVERY = Duration.ofDays(1);

  /** After a failed daily look-up, the known version is used and the look-up tried again then. */
  static final Duration RETRY_AFTER = Duration.ofHours(1);

  /**
   * A look-up may take this much of a refresh's deadline at most, so the call itself still fits.
   */
  static final Duration MAX_LOOKUP = Duration.ofSeconds(3);

  private static final Logger LOG = LoggerFactory.getLogger(ApiVersions.class);

  private record Found(URI instance, String version, Instant at) {}

  private final String org;
  private final String setting;
  private final SalesforceHttp http;
  private final ApiCallRecorder recorder;
  private final Clock clock;
  private volatile Found found;
  private CompletableFuture<String> inFlight;
  private URI inFlightOn;

  public ApiVersions(
      String org, String setting, SalesforceHttp http, ApiCallRecorder recorder, Clock clock) {
    this.org = org;
    this.setting = setting;
    this.http = http;
    this.recorder = recorder;
    this.clock = clock;
  }

  public String setting() {
    return setting;
  }

  /**
   * The version to use on {@code instance}, e.g. {@code 64.0}; orgs on one instance that ask
   * meanwhile share one look-up.
   */
  public CompletableFuture<String> resolve(URI instance, Deadline deadline) {
    if (!AUTO.equals(setting)) {
      return CompletableFuture.completedFuture(setting);
    }
    synchronized (this) {
      Found known = found;
      Instant now = clock.instant();
      if (known != null
          && known.instance().equals(instance)
          && now.isBefore(known.at().plus(LOOKUP_EVERY))) {
        return CompletableFuture.completedFuture(known.version());
      }
      if (inFlight != null && inFlightOn.equals(instance)) {
        return inFlight;
      }
      Duration share = deadline.remaining().dividedBy(2);
      CompletableFuture<String> started = new CompletableFuture<>();
      inFlight = started;
      inFlightOn = instance;
      lookUp(instance, Deadline.after(share.compareTo(MAX_LOOKUP) < 0 ? share : MAX_LOOKUP))
          .whenComplete((newest, error) -> settle(started, instance, known, now, newest, error));
      return started;
    }
  }

  /** Records the look-up's outcome; {@code started} completes whatever is thrown here. */
  private void settle(
      CompletableFuture<String> started,
      URI instance,
      Found known,
      Instant now,
      String newest,
      Throwable error) {
    String version = null;
    Throwable failure = error == null ? null : Async.cause(error);
    try {
      synchronized (this) {
        if (inFlight == started) {
          inFlight = null;
        }
        if (failure == null) {
          if (known == null || !known.version().equals(newest)) {
            LOG.info(
                "{}",
                LogLine.of("using the newest API version the org offers")
                    .with("org", org)
                    .with("api_version", newest));
          }
          found = new Found(instance, newest, now);
          version = newest;
        } else if (known != null && known.instance().equals(instance)) {
          // The daily look-up failed: yesterday's answer is still a working version; ask again
          // later, not on every refresh.
          found = new Found(instance, known.version(), now.minus(LOOKUP_EVERY).plus(RETRY_AFTER));
          version = known.version();
        }
      }
    } catch (Throwable e) { // an Error too: the waiting refreshes must still end
      failure = e;
      version = null;
    } finally {
      if (version != null) {
        started.complete(version);
      } else {
        started.completeExceptionally(failure);
      }
    }
  }

  private CompletableFuture<String> lookUp(URI instance, Deadline deadline) {
    SimpleHttpRequest get =
        SimpleHttpRequest.create(Method.GET, URI.create(instance + "/services/data/"));
    get.setHeader("Accept", "application/json");
    return http.exchange(
        get,
        deadline,
        ENDPOINT,
        recorder,
        Redaction.NONE,
        result ->
            new SalesforceException(
                FailureReason.ofStatus(result.status(), null),
                result.status(),
                "GET "
                    + instance
                    + "/services/data/ (API versions): HTTP "
                    + result.status()
                    + ": "
                    + ErrorBodies.describe(result).message()
                    + " (hint: pin api_version to skip this look-up)"),
        ApiVersions::newest);
  }

  /** The highest {@code version} in the list, refusing a list without a supported one. */
  static String newest(String body) {
    JsonElement json = JsonParser.parseString(body);
    if (!(json instanceof JsonArray list)) {
      throw new IllegalArgumentException("the API version list is not a JSON array");
    }
    double best = 0;
    String bestText = null;
    for (JsonElement item : list) {
      JsonElement v = item instanceof JsonObject entry ? entry.get("version") : null;
      if (v != null && v.isJsonPrimitive() && v.getAsString().matches("\\d{2,3}\\.\\d")) {
        try {
          double number = Double.parseDouble(v.getAsString());
          if (number > best) {
            best = number;
            bestText = v.getAsString();
          }
        } catch (RuntimeException e) {
          // An entry we cannot read is skipped; the others still count.
        }
      }
    }
    if (bestText == null || best < MINIMUM) {
      throw new IllegalArgumentException(
          "the org lists no API version of " + MINIMUM + " or newer");
    }
    return bestText;
  }
}
