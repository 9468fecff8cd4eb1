package dev.sfexporter.collect.sources;

import com.google.gson.JsonObject;
import dev.sfexporter.config.ApiUsageOptions;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.logging.LogLine;
import dev.sfexporter.salesforce.ApiUsageLog;
import dev.sfexporter.salesforce.ApiUsageLog.Usage;
import dev.sfexporter.salesforce.Async;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.FailureReason;
import dev.sfexporter.salesforce.OrgClient;
import dev.sfexporter.salesforce.SalesforceException;
import dev.sfexporter.salesforce.Soql;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code api_usage} source: who is spending the API. Finds the newest {@code ApiTotalUsage}
 * event log (free with API access: daily files, kept a day), downloads each file once, and counts
 * its calls per client. Cost: one query per interval plus one download per new file.
 */
public final class ApiUsageSource implements Source<ApiUsageSource.ApiUsage> {
  public static final ApiUsageSource INSTANCE = new ApiUsageSource();
  public static final String LOG_ENDPOINT = "logfile";
  private static final Logger LOG = LoggerFactory.getLogger(ApiUsageSource.class);

  static final String REQUESTS = "salesforce_api_usage_requests";
  static final String PERIOD_START = "salesforce_api_usage_period_start_timestamp_seconds";
  static final String PERIOD = "salesforce_api_usage_period_seconds";

  /** Salesforce writes LogDate as {@code 2026-11-20T00:00:00.000+0000}. */
  private static final DateTimeFormatter LOG_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

  /**
   * What the newest log said.
   *
   * @param logId the EventLogFile id, so the same file is not downloaded twice; null when there is
   *     no log yet
   */
  public record ApiUsage(String logId, Instant periodStart, long periodSeconds, List<Usage> usage) {
    static final ApiUsage NONE = new ApiUsage(null, null, 0, List.of());
  }

  private static final List<MetricFamilyDescriptor> FAMILIES =
      List.of(
          Families.gauge(
              REQUESTS,
              "API calls in the latest ApiTotalUsage event log period, per client (connected app,"
                  + " else client name, else unknown; beyond max_clients: other).",
              "org",
              "client",
              "api_family",
              "counts_against_limit",
              "user"),
          Families.gauge(
              PERIOD_START,
              "Unix time at which the period of salesforce_api_usage_requests starts.",
              "org"),
          Families.gauge(
              PERIOD, "Length of the period of salesforce_api_usage_requests, in seconds.", "org"));

  private ApiUsageSource() {}

  static String query(String logInterval) {
    return "SELECT Id, LogDate, Interval, LogFile, LogFileLength, LogFileFieldNames"
        + " FROM EventLogFile WHERE EventType = 'ApiTotalUsage' AND Interval = '"
        + logInterval
        + "' ORDER BY LogDate DESC LIMIT 1";
  }

  @Override
  public String name() {
    return Sources.API_USAGE;
  }

  @Override
  public List<MetricFamilyDescriptor> families() {
    return FAMILIES;
  }

  @Override
  public CompletableFuture<ApiUsage> fetch(
      OrgClient client, SourceConfig settings, ApiUsage previous, Deadline deadline) {
    ApiUsageOptions options = settings.apiUsage();
    return explained(
        Soql.records(client, query(options.logInterval()), deadline)
            .thenCompose(newest -> readNewest(client, options, previous, deadline, newest)));
  }

  private CompletableFuture<ApiUsage> readNewest(
      OrgClient client,
      ApiUsageOptions options,
      ApiUsage previous,
      Deadline deadline,
      List<JsonObject> newest) {
    if (newest.isEmpty()) {
      // A new org, or nothing in the last day: no series, no error.
      return CompletableFuture.completedFuture(ApiUsage.NONE);
    }
    JsonObject log = newest.get(0);
    String id = Soql.text(log, "Id");
    if (previous != null && id != null && id.equals(previous.logId())) {
      return CompletableFuture.completedFuture(previous); // processed already
    }
    String file = Soql.text(log, "LogFile");
    Instant start = periodStart(Soql.text(log, "LogDate"));
    if (file == null || start == null) {
      return Async.failed(
          new SalesforceException(
              FailureReason.INVALID_RESPONSE, 200, "EventLogFile row without LogFile or LogDate"));
    }
    long began = System.nanoTime();
    return client
        .download(
            file,
            LOG_ENDPOINT,
            deadline,
            options.downloadTimeout(),
            options.maxLogBytes(),
            body ->
                ApiUsageLog.read(
                    body,
                    Soql.text(log, "LogFileFieldNames"),
                    options.byUser(),
                    options.maxClients()))
        .thenApply(
            usage -> {
              LOG.info(
                  "{}",
                  LogLine.of("read an ApiTotalUsage event log")
                      .with("log_id", id)
                      .with("period_start", start)
                      .with("clients", usage.stream().map(Usage::client).distinct().count())
                      .with("took_ms", (System.nanoTime() - began) / 1_000_000));
              return new ApiUsage(id, start, options.periodSeconds(), usage);
            });
  }

  private static Instant periodStart(String logDate) {
    if (logDate == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(logDate, LOG_DATE).toInstant();
    } catch (RuntimeException e) {
      try {
        return OffsetDateTime.parse(logDate).toInstant();
      } catch (RuntimeException again) {
        return null;
      }
    }
  }

  @Override
  public void write(SampleSink out, String org, ApiUsage value) {
    if (value.logId() == null) {
      return;
    }
    for (Usage u : value.usage()) {
      Labels labels =
          Labels.of(
              "org",
              org,
              "client",
              u.client(),
              "api_family",
              u.apiFamily(),
              "counts_against_limit",
              String.valueOf(u.countsAgainstLimit()));
      if (u.user() != null) {
        labels = labels.add("user", u.user());
      }
      out.gauge(REQUESTS, labels, u.requests());
    }
    Labels orgLabel = Labels.of("org", org);
    out.gauge(PERIOD_START, orgLabel, value.periodStart().getEpochSecond());
    out.gauge(PERIOD, orgLabel, value.periodSeconds());
  }

  @Override
  public int callsPerRefresh() {
    return 1;
  }

  /** One download per new log: daily, or hourly with Event Monitoring. */
  @Override
  public long extraCallsPerDay(SourceConfig settings) {
    long logsPerDay = 86400 / settings.apiUsage().periodSeconds();
    long refreshesPerDay = Math.max(1, 86400 / Math.max(1, settings.interval().toSeconds()));
    return Math.min(logsPerDay, refreshesPerDay);
  }

  @Override
  public String permission() {
    return "View Event Log Files (or View All Data)";
  }
}
