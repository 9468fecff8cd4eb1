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
    if (name.equals(RECORD_COUNTS)) {
      objects = node.has("objects") ? node.strings("objects") : objects;
    }
    node.reportUnusedKeys(
        name.equals(RECORD_COUNTS) ? "" : " (" + name + " takes enabled and interval)");
    return new SourceConfig(enabled, interval, objects);
  }
}
