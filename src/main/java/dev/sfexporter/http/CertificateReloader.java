package dev.sfexporter.http;

import dev.sfexporter.config.ConfigException;
import dev.sfexporter.config.WebConfig;
import dev.sfexporter.config.WebConfigLoader;
import dev.sfexporter.logging.LogLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate rotation without a restart: every {@link #INTERVAL} the web config file and its
 * certificate, key and client CA files are looked at (path, size, modification time; a Kubernetes
 * Secret update swaps a symlink, which changes them too). When one changed, the web config is read
 * and checked again as at start-up and, if valid, new handshakes use the new certificate. A file
 * caught half-written fails the key check and is taken at the next change.
 */
final class CertificateReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final Path source;
  private final LoopbackProbeTls tls;
  private final WebConfig.ClientAuth clientAuth;
  private final ScheduledExecutorService timer;
  private List<Path> files;
  private List<String> seen;

  CertificateReloader(Path source, WebConfig.Tls current, LoopbackProbeTls tls) {
    this.source = source;
    this.tls = tls;
    this.clientAuth = current.clientAuth();
    this.files = current.files();
    this.seen = fingerprint();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "tls-reload");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        this::checkSafely, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warn("{}", LogLine.of("TLS reload check failed").with("error", e));
    }
  }

  void check() {
    List<String> now = fingerprint();
    if (now.equals(seen)) {
      return;
    }
    seen = now;
    WebConfig next;
    try {
      next = WebConfigLoader.load(source);
    } catch (ConfigException e) {
      LOG.warn(
          "{}",
          LogLine.of("TLS files changed but are not usable; the previous certificate stays")
              .with("file", source)
              .with("problems", String.join("; ", e.problems())));
      return;
    }
    if (next.tls() == null) {
      LOG.warn(
          "{}", LogLine.of("tls_server_config removed; that takes effect at the next restart"));
      return;
    }
    if (next.tls().clientAuth() != clientAuth) {
      // The filter that confines certificate-less loopback probes to /-/healthy is set up at
      // start for the mode in force then: applying another mode now could open every path.
      LOG.warn(
          "{}",
          LogLine.of(
                  "client_auth_type changed; it takes effect at the next restart, the certificate"
                      + " files are not reloaded until then")
              .with("file", source));
      return;
    }
    try {
      tls.reload(factory -> tls.apply(next.tls()));
    } catch (Exception e) {
      LOG.warn(
          "{}", LogLine.of("TLS reload failed; the previous certificate stays").with("error", e));
      return;
    }
    files = next.tls().files();
    seen = fingerprint();
    LOG.info("{}", LogLine.of("TLS certificate reloaded").with("file", source));
  }

  private List<String> fingerprint() {
    List<String> prints = new ArrayList<>();
    List<Path> all = new ArrayList<>(files);
    all.add(source);
    for (Path file : all) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        prints.add(
            file.toRealPath() + " " + attributes.size() + " " + attributes.lastModifiedTime());
      } catch (IOException e) {
        prints.add(file + " unreadable");
      }
    }
    return prints;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
