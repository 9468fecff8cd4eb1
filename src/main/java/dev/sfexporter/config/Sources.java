package dev.sfexporter.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sources an org is read from, their names and defaults, and how the YAML sets them. */
public final class Sources {
  public static final String LIMITS = "limits";
  public static final String LICENSES = "licenses";
  public static final String ENTITLEMENTS = "entitlements";
  public static final String RECORD_COUNTS = "record_counts";
  public static final String ORG = "org";
  public static final String API_USAGE = "api_usage";

  /** Every source, on by default: the admin's whole picture is the product. */
  public static final Map<String, SourceConfig> DEFAULTS = defaults();

  private Sources() {}

  private static Map<String, SourceConfig> defaults() {
    Map<String, SourceConfig> all = new LinkedHashMap<>();
    all.put(LIMITS, SourceConfig.every(ExporterConfig.DEFAULT_REFRESH_INTERVAL));
    all.put(LICENSES, SourceConfig.every(Duration.ofHours(1)));
    all.put(ENTITLEMENTS, SourceConfig.every(Duration.ofHours(1)));
    all.put(RECORD_COUNTS, SourceConfig.every(Duration.ofHours(6)));
    all.put(ORG, SourceConfig.every(Duration.ofHours(24)));
    all.put(API_USAGE, SourceConfig.every(Duration.ofHours(6)));
    return java.util.Collections.unmodifiableMap(all);
  }

  /**
   * Reads {@code sources:} and {@code refresh_interval:} of one scope (top level or an org) over
   * {@code inherited}: each key set here overrides, the rest is inherited.
   */
  static Map<String, SourceConfig> read(ConfigNode scope, Map<String, SourceConfig> inherited) {
    Map<String, SourceConfig> result = new LinkedHashMap<>(inherited);
    Optional<ConfigNode> sources = scope.child("sources");
    Optional<Duration> shorthand = ConfigLoader.refreshInterval(scope);
    if (sources.isPresent()) {
      ConfigNode node = sources.get();
      for (String name : DEFAULTS.keySet()) {
        node.child(name)
            .ifPresent(source -> result.put(name, readOne(source, name, result.get(name))));
      }
      node.reportUnusedKeys(" (sources are " + String.join(", ", DEFAULTS.keySet()) + ")");
      boolean limitsInterval =
          node.child(LIMITS).map(limits -> limits.has("interval")).orElse(false);
      if (shorthand.isPresent() && limitsInterval) {
        scope.problem(
            scope.field("refresh_interval"),
            "is shorthand for sources.limits.interval; set one of them, not both");
      }
    }
    shorthand.ifPresent(interval -> result.put(LIMITS, result.get(LIMITS).withInterval(interval)));
    return result;
  }

  private static SourceConfig readOne(ConfigNode node, String name, SourceConfig inherited) {
    boolean enabled = node.bool("enabled").orElse(inherited.enabled());
    Duration interval =
        node.duration("interval")
            .filter(
                i -> {
                  if (i.compareTo(ConfigLoader.MIN_REFRESH_INTERVAL) < 0) {
                    node.problem(node.field("interval"), "must be at least 1s");
                    return false;
                  }
                  return true;
                })
            .orElse(inherited.interval());
    List<String> objects = inherited.objects();
    ApiUsageOptions apiUsage = inherited.apiUsage();
    if (name.equals(RECORD_COUNTS)) {
      objects = node.has("objects") ? node.strings("objects") : objects;
    }
    if (name.equals(API_USAGE)) {
      apiUsage = apiUsage(node, apiUsage);
      // Hourly logs read every 6 h would skip five logs in six: read them hourly unless told.
      if (apiUsage.periodSeconds() == 3600
          && !node.has("interval")
          && interval.compareTo(Duration.ofHours(1)) > 0) {
        interval = Duration.ofHours(1);
      }
    }
    node.reportUnusedKeys(
        name.equals(RECORD_COUNTS) || name.equals(API_USAGE)
            ? ""
            : " (" + name + " takes enabled and interval)");
    return new SourceConfig(enabled, interval, objects, apiUsage);
  }

  private static ApiUsageOptions apiUsage(ConfigNode node, ApiUsageOptions inherited) {
    String logInterval = node.string("log_interval").orElse(inherited.logInterval());
    if (!logInterval.equals("Daily") && !logInterval.equals("Hourly")) {
      node.problem(
          node.field("log_interval"),
          "\""
              + logInterval
              + "\" is not an event log interval; write Daily (every org with API access) or"
              + " Hourly (orgs with Event Monitoring)");
      logInterval = inherited.logInterval();
    }
    int maxClients = inherited.maxClients();
    Optional<String> clients = node.string("max_clients");
    if (clients.isPresent()) {
      try {
        maxClients = Integer.parseInt(clients.get().strip());
        if (maxClients < 1 || maxClients > 10_000) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        node.problem(node.field("max_clients"), "must be a whole number from 1 to 10000");
      }
    }
    long maxBytes =
        node.string("max_log_bytes")
            .flatMap(text -> bytes(node, text))
            .orElse(inherited.maxLogBytes());
    return new ApiUsageOptions(
        logInterval,
        maxClients,
        node.bool("by_user").orElse(inherited.byUser()),
        maxBytes,
        node.duration("download_timeout").orElse(inherited.downloadTimeout()));
  }

  private static final java.util.regex.Pattern BYTES =
      java.util.regex.Pattern.compile("(\\d{1,15})\\s*(B|KiB|MiB|GiB|KB|MB|GB)?");

  /** {@code 2GiB}, {@code 500MB}, {@code 1048576}. */
  private static Optional<Long> bytes(ConfigNode node, String text) {
    java.util.regex.Matcher m = BYTES.matcher(text.strip());
    if (!m.matches()) {
      node.problem(
          node.field("max_log_bytes"),
          "\"" + text + "\" is not a size; write it like 2GiB, 500MiB or 1048576");
      return Optional.empty();
    }
    long unit =
        switch (m.group(2) == null ? "B" : m.group(2)) {
          case "KiB" -> 1L << 10;
          case "MiB" -> 1L << 20;
          case "GiB" -> 1L << 30;
          case "KB" -> 1_000L;
          case "MB" -> 1_000_000L;
          case "GB" -> 1_000_000_000L;
          default -> 1L;
        };
    long value = Long.parseLong(m.group(1));
    if (value == 0 || value > Long.MAX_VALUE / unit) {
      node.problem(node.field("max_log_bytes"), "\"" + text + "\" must be above 0 and sane");
      return Optional.empty();
    }
    return Optional.of(value * unit);
  }
}
