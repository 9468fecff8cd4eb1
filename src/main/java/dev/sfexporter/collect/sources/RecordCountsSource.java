package dev.sfexporter.collect.sources;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sfexporter.config.SourceConfig;
import dev.sfexporter.config.Sources;
import dev.sfexporter.salesforce.Deadline;
import dev.sfexporter.salesforce.OrgClient;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code record_counts} source: {@code GET /limits/recordCount}, the approximate record count
 * of each object, where data storage growth comes from.
 */
public final class RecordCountsSource implements Source<Map<String, Double>> {
  public static final RecordCountsSource INSTANCE = new RecordCountsSource();
  public static final String ENDPOINT = "recordCount";

  /** A gauge: promtool rejects gauges ending in {@code _total} or {@code _count}. */
  static final String RECORDS = "salesforce_records";

  private static final List<MetricFamilyDescriptor> FAMILIES =
      List.of(
          Families.gauge(
              RECORDS,
              "Approximate number of records of an object, from /limits/recordCount.",
              "org",
              "object"));

  private RecordCountsSource() {}

  @Override
  public String name() {
    return Sources.RECORD_COUNTS;
  }

  @Override
  public List<MetricFamilyDescriptor> families() {
    return FAMILIES;
  }

  @Override
  public CompletableFuture<Map<String, Double>> fetch(
      OrgClient client, SourceConfig settings, Map<String, Double> previous, Deadline deadline) {
    String path = "/limits/recordCount";
    if (!settings.objects().isEmpty()) {
      path +=
          "?sObjects="
              + URLEncoder.encode(String.join(",", settings.objects()), StandardCharsets.UTF_8);
    }
    return explained(client.get(path, ENDPOINT, deadline, RecordCountsSource::parse));
  }

  static Map<String, Double> parse(String body) {
    JsonElement json = JsonParser.parseString(body);
    if (!(json instanceof JsonObject answer) || !answer.has("sObjects")) {
      throw new IllegalArgumentException("the answer has no sObjects list");
    }
    Map<String, Double> counts = new LinkedHashMap<>();
    for (JsonElement item : answer.getAsJsonArray("sObjects")) {
      JsonElement name = item instanceof JsonObject entry ? entry.get("name") : null;
      JsonElement count = item instanceof JsonObject entry ? entry.get("count") : null;
      if (name != null && count != null && name.isJsonPrimitive() && count.isJsonPrimitive()) {
        counts.put(name.getAsString(), count.getAsDouble());
      }
    }
    return java.util.Collections.unmodifiableMap(counts);
  }

  @Override
  public void write(SampleSink out, String org, Map<String, Double> counts) {
    counts.forEach(
        (object, count) -> out.gauge(RECORDS, Labels.of("org", org, "object", object), count));
  }

  @Override
  public int callsPerRefresh() {
    return 1;
  }

  @Override
  public String permission() {
    return "View Setup and Configuration";
  }
}
