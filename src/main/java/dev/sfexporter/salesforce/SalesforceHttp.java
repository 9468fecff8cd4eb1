package dev.sfexporter.salesforce;

import dev.sfexporter.config.OutboundConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

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
  private final CloseableHttpAsyncClient client;
  private final LogDownloads downloads;
  private final ScheduledExecutorService deadlines;
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
    this.client = SalesforceClients.asyncClient(pool, userAgent, outbound);
    this.work = work;
    this.deadlines =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "salesforce-http-deadlines");
              t.setDaemon(true);
              return t;
            });
    this.downloads = new LogDownloads(userAgent, connectTimeout, outbound, deadlines);
  }

  /**
   * Sends the request; the whole call (connection, wait, read) is aborted when {@code deadline}
   * passes.
   *
   * @return the answer, or a {@link SalesforceException} (TIMEOUT, NETWORK, or INVALID_RESPONSE for
   *     a body over the cap) when no complete HTTP answer arrived
   */
  public CompletableFuture<HttpResult> send(SimpleHttpRequest request, Deadline deadline) {
    Duration timeout = deadline.remaining();
    if (timeout.isZero()) {
      return Async.failed(
          new SalesforceException(
              FailureReason.TIMEOUT,
              0,
              request.getMethod()
                  + " "
                  + hostOf(request)
                  + " not sent: the refresh's "
                  + deadline.total().toMillis()
                  + "ms are used up"));
    }
    Timeout perStep = Timeout.of(timeout);
    request.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(perStep)
            .setConnectionRequestTimeout(perStep)
            .build());
    request.setHeader("Sforce-Call-Options", CALL_OPTIONS);
    CompletableFuture<HttpResult> answer = new CompletableFuture<>();
    execute(request, deadline, timeout, answer, MAX_RESENDS);
    return answer;
  }

  /**
   * A request that never left, because the pooled connection it got had been closed by the server
   * (servers close idle keep-alive connections when they like), goes again: it made no call, so
   * nothing is counted twice. Each such try discards one closed connection; this many at most.
   */
  private static final int MAX_RESENDS = 10;

  private void execute(
      SimpleHttpRequest request,
      Deadline deadline,
      Duration timeout,
      CompletableFuture<HttpResult> answer,
      int resends) {
    AtomicBoolean late = new AtomicBoolean();
    FutureCallback<HttpResult> done =
        new FutureCallback<>() {
          @Override
          public void completed(HttpResult result) {
            answer.complete(result);
          }

          @Override
          public void failed(Exception e) {
            if (resends > 0 && e instanceof RequestNotExecutedException && !deadline.expired()) {
              execute(request, deadline, deadline.remaining(), answer, resends - 1);
            } else {
              answer.completeExceptionally(failure(request, deadline, e, late.get()));
            }
          }

          @Override
          public void cancelled() {
            answer.completeExceptionally(
                failure(request, deadline, new TimeoutException("aborted"), true));
          }
        };
    try {
      Future<HttpResult> exchange =
          client.execute(SimpleRequestProducer.create(request), new CappedBody(), done);
      var abort =
          deadlines.schedule(
              () -> {
                late.set(true);
                exchange.cancel(true);
              },
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
      answer.whenComplete((result, error) -> abort.cancel(false));
    } catch (RuntimeException e) {
      // The client or the timer is shut down: the exporter is stopping.
      answer.completeExceptionally(failure(request, deadline, e, false));
    }
  }

  private static SalesforceException failure(
      HttpRequest request, Deadline deadline, Exception e, boolean late) {
    if (e instanceof CappedBody.TooLarge tooLarge) {
      return new SalesforceException(
          FailureReason.INVALID_RESPONSE,
          tooLarge.status,
          request.getMethod() + " " + hostOf(request) + ": " + e.getMessage(),
          e);
    }
    boolean timedOut =
        late
            || e instanceof java.net.SocketTimeoutException
            || e instanceof TimeoutException
            || e instanceof org.apache.hc.client5.http.ConnectTimeoutException;
    String why =
        late
            ? "no complete answer within the refresh's " + deadline.total().toMillis() + "ms"
            : describe(e);
    return new SalesforceException(
        timedOut ? FailureReason.TIMEOUT : FailureReason.NETWORK,
        0,
        request.getMethod() + " " + hostOf(request) + " failed: " + why,
        e);
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
    return send(request, deadline)
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
    deadlines.shutdownNow();
    client.close(CloseMode.IMMEDIATE);
    downloads.close();
  }
}
