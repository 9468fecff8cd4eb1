package dev.sfexporter.salesforce;

import dev.sfexporter.config.OutboundConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.core5.http.HttpRequest;

/**
 * The one way this exporter talks to Salesforce's API: non-blocking calls on pooled connections, so
 * that a thousand orgs' calls wait for Salesforce at once without a thread each; no automatic
 * retries or redirects (each call is counted and a redirect means a wrong URL), a hard time limit
 * per call and a cap on how much of a body is read.
 */
public final class SalesforceHttp implements AutoCloseable {
  /** /limits is about 10 KB; anything near this is not a Salesforce API answer. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  /** Names the exporter in Salesforce's API usage reports and Event Monitoring logs. */
  public static final String CALL_OPTIONS = "client=salesforce-exporter";

  private final PoolingAsyncClientConnectionManager pool;
  private final AsyncRequests requests;
  private final LogDownloads downloads;
  private final Executor work;

  /**
   * @param outbound proxy and extra CAs; the proxy may also need credentials
   * @param work where answers are read and parsed, off the I/O threads
   */
  public SalesforceHttp(
      String userAgent,
      int maxConnections,
      Duration connectTimeout,
      OutboundConfig outbound,
      Executor work) {
    this.pool = SalesforceClients.asyncPool(maxConnections, connectTimeout, outbound);
    this.requests = new AsyncRequests(SalesforceClients.asyncClient(pool, userAgent, outbound));
    this.work = work;
    this.downloads = new LogDownloads(userAgent, connectTimeout, outbound, requests.deadlines());
  }

  /** Turns a 2xx answer into a value; throws IllegalArgumentException saying what is wrong. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(String body);
  }

  /** Turns a non-2xx answer (its body already redacted) into the exception that reports it. */
  @FunctionalInterface
  public interface Refusal {
    SalesforceException of(HttpResult result);
  }

  /**
   * One counted API call: sends the request, reads a 2xx body with {@code reader}, and records the
   * call as failed on a transport error, a non-2xx answer or a body the reader refuses. Error text
   * from Salesforce passes through {@code redaction} first.
   */
  public <T> CompletableFuture<T> exchange(
      SimpleHttpRequest request,
      Deadline deadline,
      String endpoint,
      ApiCallRecorder recorder,
      Redaction redaction,
      Refusal refusal,
      BodyReader<T> reader) {
    return requests
        .send(request, deadline)
        .handleAsync(
            (result, error) -> {
              try {
                return settle(
                    request, result, error, endpoint, recorder, redaction, refusal, reader);
              } catch (SalesforceException e) {
                throw new CompletionException(e);
              }
            },
            work);
  }

  private static <T> T settle(
      SimpleHttpRequest request,
      HttpResult result,
      Throwable error,
      String endpoint,
      ApiCallRecorder recorder,
      Redaction redaction,
      Refusal refusal,
      BodyReader<T> reader)
      throws SalesforceException {
    if (error != null) {
      Throwable cause = Async.cause(error);
      if (cause instanceof SalesforceException e) {
        // A call never sent (its deadline was used up) is not counted.
        if (e.status() != 0 || e.getCause() != null) {
          recorder.record(endpoint, true);
        }
        throw e;
      }
      throw new CompletionException(cause);
    }
    if (!result.isSuccess()) {
      recorder.record(endpoint, true);
      // The body is redacted as sent and the message again once parsed: JSON escapes can hide an
      // echoed secret from the first pass.
      SalesforceException refused =
          refusal.of(new HttpResult(result.status(), redaction.apply(result.body())));
      throw new SalesforceException(
          refused.reason(), refused.status(), redaction.apply(refused.getMessage()));
    }
    T value;
    try {
      value = reader.read(result.body());
    } catch (RuntimeException e) {
      recorder.record(endpoint, true);
      throw new SalesforceException(
          FailureReason.INVALID_RESPONSE,
          result.status(),
          request.getMethod()
              + " "
              + hostOf(request)
              + ": HTTP "
              + result.status()
              + " but "
              + redaction.apply(String.valueOf(e.getMessage())),
          null);
    }
    recorder.record(endpoint, false);
    return value;
  }

  /** Event log downloads, with their own connections, threads and bounds. */
  public LogDownloads downloads() {
    return downloads;
  }

  /** Sizes the pool for a reloaded configuration. */
  public void resize(int maxConnections) {
    pool.setMaxTotal(maxConnections);
    pool.setDefaultMaxPerRoute(maxConnections);
  }

  /** Scheme, host, port and path: never user info or a query (a SOQL query can be long). */
  static String hostOf(HttpRequest request) {
    try {
      URI uri = request.getUri();
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
          + uri.getRawPath();
    } catch (java.net.URISyntaxException e) {
      return request.getRequestUri();
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null ? kind : kind + ": " + message;
  }

  @Override
  public void close() throws IOException {
    requests.close();
    downloads.close();
  }
}
