package dev.sfexporter.salesforce;

import static dev.sfexporter.salesforce.SalesforceHttp.describe;
import static dev.sfexporter.salesforce.SalesforceHttp.hostOf;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends API requests on the non-blocking client, each bounded by its refresh's deadline. No thread
 * waits for an answer; a few hand requests to the client, because the client looks up a new host
 * name on the calling thread (each org has its own My Domain host), and a slow resolver must hold
 * neither a worker nor an I/O thread.
 */
final class AsyncRequests implements AutoCloseable {
  /**
   * A request that never left, because the pooled connection it got had been closed by the server
   * (servers close idle keep-alive connections when they like), goes again: it made no call, so
   * nothing is counted twice. Each such try discards one closed connection; this many at most.
   */
  private static final int MAX_RESENDS = 10;

  /** Threads that hand requests over, started as needed and ended after 10 s idle. */
  static final int STARTERS = 16;

  private final CloseableHttpAsyncClient client;
  private final ThreadPoolExecutor starters;
  private final ScheduledThreadPoolExecutor deadlines;

  AsyncRequests(CloseableHttpAsyncClient client) {
    this.client = client;
    this.starters = DaemonThreads.pool(STARTERS, 10, "salesforce-send-");
    this.deadlines =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("salesforce-deadlines-"));
    // A finished call's abort task is dropped at once, with the answer it would otherwise keep.
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /**
   * Sends the request; the whole call (host look-up, connection, wait, read) ends when {@code
   * deadline} passes.
   *
   * @return the answer, or a {@link SalesforceException}: TIMEOUT, NETWORK, or INVALID_RESPONSE for
   *     a body over the cap. One without a cause was never sent.
   */
  CompletableFuture<HttpResult> send(SimpleHttpRequest request, Deadline deadline) {
    Duration timeout = deadline.remaining();
    if (timeout.isZero()) {
      return Async.failed(
          notSent(
              request,
              "the refresh's " + deadline.total().toMillis() + "ms are used up",
              FailureReason.TIMEOUT));
    }
    Timeout perStep = Timeout.of(timeout);
    request.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(perStep)
            .setConnectionRequestTimeout(perStep)
            .build());
    request.setHeader("Sforce-Call-Options", SalesforceHttp.CALL_OPTIONS);
    CompletableFuture<HttpResult> answer = new CompletableFuture<>();
    AtomicReference<Future<HttpResult>> exchange = new AtomicReference<>();
    try {
      ScheduledFuture<?> abort =
          deadlines.schedule(
              () -> {
                answer.completeExceptionally(
                    failure(request, deadline, new TimeoutException("deadline"), true));
                Future<HttpResult> started = exchange.get();
                if (started != null) {
                  started.cancel(true);
                }
              },
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
      answer.whenComplete((result, error) -> abort.cancel(false));
      start(request, deadline, answer, exchange, MAX_RESENDS);
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(
          failure(request, deadline, e, false)); // the exporter is stopping
    }
    return answer;
  }

  private void start(
      SimpleHttpRequest request,
      Deadline deadline,
      CompletableFuture<HttpResult> answer,
      AtomicReference<Future<HttpResult>> exchange,
      int resends) {
    starters.execute(
        () -> {
          if (answer.isDone()) {
            return;
          }
          try {
            exchange.set(
                client.execute(
                    SimpleRequestProducer.create(request),
                    new CappedBody(),
                    callback(request, deadline, answer, exchange, resends)));
          } catch (RuntimeException e) {
            answer.completeExceptionally(failure(request, deadline, e, false));
          }
          Future<HttpResult> started = exchange.get();
          if (answer.isDone() && started != null) {
            started.cancel(true); // the deadline passed while the request was handed over
          }
        });
  }

  private FutureCallback<HttpResult> callback(
      SimpleHttpRequest request,
      Deadline deadline,
      CompletableFuture<HttpResult> answer,
      AtomicReference<Future<HttpResult>> exchange,
      int resends) {
    return new FutureCallback<>() {
      @Override
      public void completed(HttpResult result) {
        answer.complete(result);
      }

      @Override
      public void failed(Exception e) {
        if (!(e instanceof RequestNotExecutedException)) {
          answer.completeExceptionally(failure(request, deadline, e, false));
        } else if (resends > 0 && !deadline.expired()) {
          try {
            start(request, deadline, answer, exchange, resends - 1);
          } catch (RejectedExecutionException stopping) {
            answer.completeExceptionally(failure(request, deadline, stopping, false));
          }
        } else {
          answer.completeExceptionally(
              notSent(
                  request,
                  "the server closed " + (MAX_RESENDS + 1) + " connections before it was sent",
                  deadline.expired() ? FailureReason.TIMEOUT : FailureReason.NETWORK));
        }
      }

      @Override
      public void cancelled() {
        answer.completeExceptionally(
            failure(request, deadline, new TimeoutException("aborted"), true));
      }
    };
  }

  private static SalesforceException notSent(
      SimpleHttpRequest request, String why, FailureReason reason) {
    return new SalesforceException(
        reason, 0, request.getMethod() + " " + hostOf(request) + " not sent: " + why);
  }

  private static SalesforceException failure(
      SimpleHttpRequest request, Deadline deadline, Exception e, boolean late) {
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

  /** The timer, for the blocking event log downloads' own deadlines. */
  ScheduledThreadPoolExecutor deadlines() {
    return deadlines;
  }

  @Override
  public void close() {
    starters.shutdownNow();
    deadlines.shutdownNow();
    client.close(CloseMode.IMMEDIATE);
  }
}
