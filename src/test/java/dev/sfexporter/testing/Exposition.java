package dev.sfexporter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * {@code /metrics} answers in either text format as raw bytes, and their samples parsed exactly
 * ({@code +Inf}, {@code NaN}, every escape), for comparing two answers line by line.
 */
public final class Exposition {
  public static final String TEXT = "text/plain;version=0.0.4";

  /** What Prometheus 3 sends by default. */
  public static final String OPEN_METRICS =
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
          + "application/openmetrics-text;version=0.0.1;q=0.4,"
          + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,"
          + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1";

  private Exposition() {}

  /** One sample, its labels in order and unescaped; records compare doubles as NaN == NaN. */
  public record Sample(String name, String labels, double value) {}

  /** Sample lines but the process's own, which change from one scrape to the next. */
  public static List<String> sampleLines(String body) {
    List<String> samples = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.startsWith("#") && !line.startsWith("jvm_") && !line.startsWith("process_")) {
        samples.add(line);
      }
    }
    samples.sort(null);
    return samples;
  }

  /** The samples of {@link #sampleLines}, parsed: each once, or the set would hide a duplicate. */
  public static Set<Sample> parsed(String body) {
    Set<Sample> samples = new HashSet<>();
    for (String line : sampleLines(body)) {
      assertTrue(samples.add(parse(line)), "twice: " + line);
    }
    return samples;
  }

  private static Sample parse(String line) {
    int end = line.lastIndexOf(' ');
    String series = line.substring(0, end);
    int brace = series.indexOf('{');
    String name = brace < 0 ? series : series.substring(0, brace);
    Map<String, String> labels = new TreeMap<>();
    for (int i = brace + 1; brace >= 0 && i < series.length() - 1; ) {
      int equals = series.indexOf("=\"", i);
      String label = series.substring(i, equals);
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      for (; series.charAt(j) != '"'; j++) {
        char c = series.charAt(j);
        if (c == '\\') {
          char next = series.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      labels.put(label, value.toString());
      i = j + 2; // past the quote and the comma or brace
    }
    String text = line.substring(end + 1);
    double value =
        switch (text) {
          case "+Inf" -> Double.POSITIVE_INFINITY;
          case "-Inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(text);
        };
    return new Sample(name, labels.toString(), value);
  }

  public static Set<String> comments(String body) {
    Set<String> comments = new TreeSet<>();
    body.lines().filter(l -> l.startsWith("#")).forEach(comments::add);
    return comments;
  }

  /** The body, gunzipped when it came gzipped (and only when asked for). */
  public static String get(RunningExporter exporter, String path, String accept, boolean gzip)
      throws Exception {
    HttpResponse<byte[]> response = send(exporter, path, accept, gzip);
    assertEquals(200, response.statusCode(), path);
    byte[] body = response.body();
    boolean zipped = response.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
    assertEquals(gzip, zipped, "gzip answered when asked for: " + path);
    if (zipped) {
      body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  public static HttpResponse<byte[]> send(
      RunningExporter exporter, String path, String accept, boolean gzip) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(exporter.uri(path)).timeout(Duration.ofSeconds(30));
    if (!accept.isEmpty()) {
      request.header("Accept", accept);
    }
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
