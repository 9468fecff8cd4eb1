package dev.sfexporter;

import dev.sfexporter.config.ConfigException;
import dev.sfexporter.config.ConfigLoader;
import dev.sfexporter.config.ExporterConfig;
import dev.sfexporter.config.OrgConfig;
import dev.sfexporter.http.Reloader;
import dev.sfexporter.logging.LogLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration file again (SIGHUP or {@code POST /-/reload}) and applies it only if it
 * is valid. Orgs whose configuration is unchanged keep their token and cache.
 */
final class ConfigReloader implements Reloader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

  private final Path file;
  private final ConfigLoader loader;
  private final Exporter exporter;

  ConfigReloader(Path file, ConfigLoader loader, Exporter exporter) {
    this.file = file;
    this.loader = loader;
    this.exporter = exporter;
  }

  @Override
  public synchronized Outcome reload() {
    ExporterConfig next;
    try {
      next = loader.load(file);
    } catch (ConfigException e) {
      LOG.warn(
          "{}",
          LogLine.of(
                  "configuration reload rejected; the previous configuration stays" + " in force")
              .with("file", file)
              .with("problems", String.join("; ", e.problems())));
      return new Outcome(
          false,
          "configuration "
              + file
              + " rejected, previous configuration kept:\n  "
              + String.join("\n  ", e.problems()));
    }
    ExporterConfig previous = exporter.config();
    exporter.apply(next);
    Set<String> before = names(previous.orgs());
    Set<String> after = names(next.orgs());
    List<String> changed =
        next.orgs().stream()
            .filter(org -> before.contains(org.name()) && !previous.orgs().contains(org))
            .map(OrgConfig::name)
            .toList();
    LOG.info(
        "{}",
        LogLine.of("configuration reloaded")
            .with("file", file)
            .with("orgs", after.size())
            .with("added", difference(after, before))
            .with("removed", difference(before, after))
            .with("changed", String.join(",", changed)));
    // A new or changed org states its daily cost, as at start-up.
    next.orgs().stream()
        .filter(org -> !previous.orgs().contains(org))
        .forEach(org -> Lifecycle.logWatching(org, false));
    if (!previous.listenAddress().equals(next.listenAddress())) {
      LOG.warn(
          "{}",
          LogLine.of("listen_address changed; it takes effect at the next restart")
              .with("listen_address", next.listenAddress()));
    }
    if (!previous.outbound().equals(next.outbound())) {
      LOG.warn(
          "{}", LogLine.of("http_client (proxy, CA) changed; it takes effect at the next restart"));
    }
    return new Outcome(true, "configuration reloaded: " + after.size() + " org(s)");
  }

  private static Set<String> names(List<OrgConfig> orgs) {
    return orgs.stream()
        .map(OrgConfig::name)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private static String difference(Set<String> a, Set<String> b) {
    return a.stream().filter(name -> !b.contains(name)).collect(Collectors.joining(","));
  }
}
