package dev.sfexporter.http;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * client_java's scrape handler's answer (every format, {@code name[]} filters, {@code debug}),
 * captured in memory instead of written to the socket.
 */
final class SnapshotAnswer implements PrometheusHttpExchange, PrometheusHttpResponse {
  private final PrometheusHttpRequest request;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
  private int status = 200;

  private SnapshotAnswer(PrometheusHttpRequest request) {
    this.request = request;
  }

  static Answer render(PrometheusScrapeHandler handler, PrometheusHttpRequest request)
      throws IOException {
    SnapshotAnswer exchange = new SnapshotAnswer(request);
    handler.handleRequest(exchange);
    return new Answer(exchange.status, exchange.headers, List.of(exchange.body.toByteArray()));
  }

  @Override
  public PrometheusHttpRequest getRequest() {
    return request;
  }

  @Override
  public PrometheusHttpResponse getResponse() {
    return this;
  }

  @Override
  public void setHeader(String name, String value) {
    headers.put(name, value);
  }

  @Override
  public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
    status = statusCode;
    return body;
  }

  @Override
  public void handleException(IOException e) throws IOException {
    throw e;
  }

  @Override
  public void handleException(RuntimeException e) {
    throw e;
  }

  @Override
  public void close() {}
}
