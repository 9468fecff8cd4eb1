package dev.sfexporter.http;

import dev.sfexporter.collect.SalesforceCollector;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.servlet.jakarta.HttpExchangeAdapter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * {@code /metrics}, so that no client can starve the others:
 *
 * <ul>
 *   <li>At most {@code --web.max-requests} scrapes are collected and rendered at once; one more
 *       gets 503 at once, as node_exporter answers.
 *   <li>The answer is rendered into memory (client_java does that anyway), the slot is given back,
 *       and the bytes are then written without blocking a thread: a client that never reads holds
 *       neither a slot nor a thread, only its answer, until the connection's idle timeout cuts it.
 * </ul>
 *
 * <p>The text formats are answered by {@link TextAnswers}, with the source data rendered once per
 * refresh; everything else (protobuf, {@code name[]} filters, {@code debug}) by client_java.
 */
final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final int CHUNK = 64 * 1024;

  /**
   * Rendered answers waiting for their clients to read them, in bytes. A client that reads slowly
   * or not at all holds its answer until it is cut (10 s without progress, 2 min in all); past this
   * budget, a third of the heap, a new scrape gets 503 at once: stalled clients can delay scrapes
   * for those seconds but cannot exhaust the heap and end the process.
   */
  static final long MAX_PENDING_BYTES = Runtime.getRuntime().maxMemory() / 3;

  /** No client may take longer than this to read one answer. */
  static final long MAX_WRITE_MILLIS = 120_000;

  private final transient java.util.concurrent.atomic.AtomicLong pending =
      new java.util.concurrent.atomic.AtomicLong();
  private final transient PrometheusScrapeHandler handler;
  private final transient PrometheusScrapeHandler perOrgHandler;
  private final transient TextAnswers text;
  private final transient Supplier<List<String>> orgNames;
  private final transient Semaphore slots;
  private final int maxRequests;

  /**
   * @param perOrg what {@code ?org=NAME} scrapes serve, and the org names they may ask for
   * @param collector the orgs' collector, registered in both registries, for the text formats'
   *     answers with source data rendered once per refresh; null to leave every answer to
   *     client_java
   * @param maxRequests concurrent scrapes; 0 for no limit
   */
  MetricsServlet(
      PrometheusRegistry registry,
      PerOrgScrapes perOrg,
      SalesforceCollector collector,
      int maxRequests) {
    this.handler = new PrometheusScrapeHandler(registry);
    this.perOrgHandler = new PrometheusScrapeHandler(perOrg.registry());
    this.text = collector == null ? null : new TextAnswers(registry, collector);
    this.orgNames = perOrg.orgNames();
    this.maxRequests = maxRequests;
    this.slots = maxRequests > 0 ? new Semaphore(maxRequests) : null;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    serve(request, response);
  }

  @Override
  protected void doHead(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    serve(request, response);
  }

  private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String[] orgs = request.getParameterValues("org");
    String unknown = orgs == null ? null : firstUnknown(orgs);
    if (unknown != null) {
      // As blackbox answers an unknown module: a target that cannot work fails loudly (up 0),
      // instead of an empty 200 that looks like an org without limits.
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      response.setContentType("text/plain; charset=utf-8");
      response
          .getWriter()
          .write(
              "unknown org \""
                  + unknown
                  + "\": not in the configuration (GET /targets lists the configured orgs)\n");
      return;
    }
    if (slots != null && !slots.tryAcquire()) {
      response.sendError(
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "more than " + maxRequests + " concurrent scrapes (--web.max-requests)");
      return;
    }
    Answer answer;
    try {
      PrometheusHttpRequest scrape = new HttpExchangeAdapter(request, response).getRequest();
      answer = text == null ? null : text.answer(scrape, orgs != null);
      if (answer == null) {
        answer = SnapshotAnswer.render(orgs == null ? handler : perOrgHandler, scrape);
      }
    } finally {
      if (slots != null) {
        slots.release();
      }
    }
    long size = answer.size();
    if (pending.addAndGet(size) > MAX_PENDING_BYTES) {
      pending.addAndGet(-size);
      response.sendError(
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "too many answers are waiting for clients that do not read them; try again");
      return;
    }
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    response.setContentLengthLong(size);
    if (request.getMethod().equals("HEAD") || size == 0) {
      pending.addAndGet(-size);
      return;
    }
    writeWithoutBlocking(request, response, answer.body(), () -> pending.addAndGet(-size));
  }

  /** Bytes of rendered answers not yet sent, for tests. */
  long pendingBytes() {
    return pending.get();
  }

  private String firstUnknown(String[] orgs) {
    List<String> known = orgNames.get();
    for (String org : orgs) {
      if (!known.contains(org)) {
        return org;
      }
    }
    return null;
  }

  private static void writeWithoutBlocking(
      HttpServletRequest request, HttpServletResponse response, List<byte[]> body, Runnable done)
      throws IOException {
    AsyncContext async = request.startAsync();
    // One that stops reading is cut by the idle timeout (ExporterServer.WRITE_STALL_TIMEOUT), one
    // that reads a byte now and then by this overall limit; either way its answer is released.
    async.setTimeout(MAX_WRITE_MILLIS);
    java.util.concurrent.atomic.AtomicBoolean released =
        new java.util.concurrent.atomic.AtomicBoolean();
    async.addListener(
        new jakarta.servlet.AsyncListener() {
          @Override
          public void onComplete(jakarta.servlet.AsyncEvent event) {
            if (released.compareAndSet(false, true)) {
              done.run();
            }
          }

          @Override
          public void onTimeout(jakarta.servlet.AsyncEvent event) {
            event.getAsyncContext().complete();
          }

          @Override
          public void onError(jakarta.servlet.AsyncEvent event) {
            event.getAsyncContext().complete();
          }

          @Override
          public void onStartAsync(jakarta.servlet.AsyncEvent event) {}
        });
    ServletOutputStream out = response.getOutputStream();
    out.setWriteListener(
        new WriteListener() {
          private int piece;
          private int written;

          @Override
          public void onWritePossible() throws IOException {
            while (out.isReady()) {
              while (piece < body.size() && written >= body.get(piece).length) {
                piece++;
                written = 0;
              }
              if (piece >= body.size()) {
                async.complete();
                return;
              }
              byte[] bytes = body.get(piece);
              int length = Math.min(CHUNK, bytes.length - written);
              out.write(bytes, written, length);
              written += length;
            }
          }

          @Override
          public void onError(Throwable failure) {
            async.complete();
          }
        });
  }
}
