package dev.sfexporter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** Scrapes the exporter as Prometheus does: with its timeout header, in text or gzip. */
record Scraper(HttpClient client, int port) {
  static final String TEXT = "text/plain;version=0.0.4";

  Scraper(int port) {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), port);
  }

  /** The answer's body as it comes, once its headers are in; fails on anything but a 200. */
  InputStream open(String path, String accept) throws Exception {
    HttpResponse<InputStream> response =
        client.send(request(path, accept, false), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** The answer's bytes (as sent: compressed when {@code gzip}); fails on anything but a 200. */
  byte[] bytes(String path, String accept, boolean gzip) throws Exception {
    HttpResponse<byte[]> response =
        client.send(request(path, accept, gzip), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** {@code count} scrapes after ten unmeasured ones, in ms, sorted. */
  double[] time(String path, String accept, boolean gzip, int count) throws Exception {
    for (int i = 0; i < 10; i++) {
      bytes(path, accept, gzip);
    }
    double[] ms = new double[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      // Bytes, not a String: the time is the exporter's, not this client's decoding.
      bytes(path, accept, gzip);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  void waitUntilReady() throws Exception {
    for (int i = 0; i < 300; i++) {
      try {
        HttpRequest ready = HttpRequest.newBuilder(uri("/-/ready")).build();
        if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("exporter not ready");
  }

  private HttpRequest request(String path, String accept, boolean gzip) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", accept)
            .header("X-Prometheus-Scrape-Timeout-Seconds", "10");
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    return request.build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
