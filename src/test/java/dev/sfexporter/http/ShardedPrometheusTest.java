package dev.sfexporter.http;

import static dev.sfexporter.testing.OrgFixtures.clientCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sfexporter.testing.Metrics;
import dev.sfexporter.testing.MutableClock;
import dev.sfexporter.testing.OrgFixtures;
import dev.sfexporter.testing.RealPrometheus;
import dev.sfexporter.testing.RunningExporter;
import dev.sfexporter.testing.Samples;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's per-org scrape configuration in a real Prometheus: targets from {@code /targets},
 * spread by {@code hashmod} over two exporter replicas; each org gets its own {@code up}, and each
 * replica calls Salesforce only for the orgs it is asked about.
 */
class ShardedPrometheusTest {
  private static final List<String> ORGS = List.of("prod", "uat", "dev", "qa", "emea", "apac");

  @StartStop final MockWebServer salesforce = new MockWebServer();
  @TempDir Path dir;

  @Test
  void everyOrgIsScrapedFromItsShardOnly() throws Exception {
    salesforce.setDispatcher(OrgFixtures.org(salesforce, new AtomicReference<>(Samples.limits())));
    var config =
        OrgFixtures.config(
            ORGS.stream()
                .map(org -> clientCredentials(org, salesforce))
                .toArray(dev.sfexporter.config.OrgConfig[]::new));
    MutableClock clock = new MutableClock();
    try (RunningExporter replica0 = RunningExporter.start(config, clock);
        RunningExporter replica1 = RunningExporter.start(config, clock)) {
      List<String> replicas =
          List.of(
              "127.0.0.1:" + replica0.exporter().port(), "127.0.0.1:" + replica1.exporter().port());
      String scrapeConfigs =
          "scrape_configs:\n"
              + "  - job_name: salesforce\n"
              + "    honor_labels: true\n"
              + "    http_sd_configs:\n"
              + "      - url: http://"
              + replicas.get(0)
              + "/targets\n"
              + "        refresh_interval: 1s\n"
              + "    relabel_configs:\n"
              + "      - {source_labels: [org], modulus: 2, target_label: __tmp_shard, action: hashmod}\n"
              + "      - {source_labels: [__tmp_shard], regex: '0', target_label: __address__, replacement: '"
              + replicas.get(0)
              + "'}\n"
              + "      - {source_labels: [__tmp_shard], regex: '1', target_label: __address__, replacement: '"
              + replicas.get(1)
              + "'}\n";
      try (RealPrometheus prometheus = RealPrometheus.startWith(dir, scrapeConfigs, List.of())) {
        prometheus.await(
            Duration.ofSeconds(60),
            () ->
                prometheus.query("up{job=\"salesforce\"} == 1").size() == ORGS.size()
                    && prometheus.query("salesforce_up == 1").size() == ORGS.size(),
            "every org up through its own target");

        Map<String, String> instanceOfOrg = new HashMap<>();
        for (JsonElement up : prometheus.query("up{job=\"salesforce\"}")) {
          JsonObject labels = up.getAsJsonObject().getAsJsonObject("metric");
          instanceOfOrg.put(labels.get("org").getAsString(), labels.get("instance").getAsString());
        }
        // The exporter's own org label is kept as is: no exported_org beside it.
        assertEquals(
            List.of(), List.copyOf(prometheus.query("salesforce_up{exported_org!=\"\"}").asList()));
        assertEquals(java.util.Set.copyOf(replicas), java.util.Set.copyOf(instanceOfOrg.values()));
        for (String org : ORGS) {
          int shard = hashmod(org, 2);
          assertEquals(replicas.get(shard), instanceOfOrg.get(org), org);
          assertFalse(
              limitsCalls(shard == 0 ? replica0 : replica1, org) == 0,
              org + " not refreshed on its shard");
          assertEquals(
              0,
              limitsCalls(shard == 0 ? replica1 : replica0, org),
              org + " refreshed on the other shard");
        }
      }
    }
  }

  /** The exporter's own count of /limits calls, read without refreshing anything. */
  private static double limitsCalls(RunningExporter replica, String org) {
    Metrics counters = replica.scrape("/metrics?name[]=salesforce_exporter_api_requests_total");
    return counters
        .value("salesforce_exporter_api_requests_total", "org", org, "endpoint", "limits")
        .orElse(0);
  }

  /** Prometheus's hashmod: the last 8 bytes of the MD5 of the label value, modulo. */
  private static int hashmod(String value, int modulus) throws Exception {
    byte[] md5 = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
    long hash = ByteBuffer.wrap(md5, 8, 8).getLong();
    return (int) Long.remainderUnsigned(hash, modulus);
  }
}
