package dev.sfexporter.salesforce;

import dev.sfexporter.config.OutboundConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way this exporter talks to Salesforce: pooled connections, no automatic retries or
 * redirects (each call is counted and a redirect means a wrong URL), a hard time limit per call and
 * a cap on how much of a body is read.
 */
public final class SalesforceHttp implements AutoCloseable {
  /** /limits is about 10 KB; anything near this is not a Salesforce API answer. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;
  private final LogDownloads downloads;
  private final ScheduledExecutorService deadlines;

  /**
   * @param outbound proxy and extra CAs; the proxy may also need credentials
   */
  public SalesforceHttp(
      String userAgent, int maxConnections, Duration connectTimeout, OutboundConfig outbound) {
    this.pool = SalesforceClients.pool(maxConnections, connectTimeout, outbound);
    this.client = SalesforceClients.client(pool, userAgent, outbound);
    this.deadlines =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "salesforce-http-deadlines");
              t.setDaemon(true);
              return t;
            });
    this.downloads = new LogDownloads(userAgent, connectTimeout, outbound, deadlines);
  }

  /** Names the exporter in Salesforce's API usage reports and Event Monitoring logs. */
  public static final String CALL_OPTIONS = "client=salesforce-exporter";

  /**
   * Sends the request; the whole call (connect, wait, read) is aborted when {@code deadline}
   * passes.
   *
   * @throws SalesforceException TIMEOUT, NETWORK or INVALID_RESPONSE (body over the cap) when no
   *     complete HTTP answer arrived
   */
  public HttpResult send(HttpUriRequestBase request, Deadline deadline) throws SalesforceException {
    Duration timeout = deadline.remaining();
    if (timeout.isZero()) {
      throw new SalesforceException(
          FailureReason.TIMEOUT,
          0,
          request.getMethod()
              + " "
              + hostOf(request)
              + " not sent: the refresh's "
              + deadline.total().toMillis()
              + "ms are used up");
    }
    Timeout perStep = Timeout.of(timeout);
    request.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(perStep)
            .setConnectionRequestTimeout(perStep)
            .build());
    request.setHeader("Sforce-Call-Options", CALL_OPTIONS);
    ScheduledFuture<?> abort =
        deadlines.schedule(request::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return client.execute(request, response -> read(response, request));
    } catch (BodyTooLarge e) {
      throw new SalesforceException(
          FailureReason.INVALID_RESPONSE,
          e.status,
          request.getMethod() + " " + hostOf(request) + ": " + e.getMessage(),
          e);
    } catch (IOException | RuntimeException e) {
      boolean late =
          request.isCancelled()
              || e instanceof java.net.SocketTimeoutException
              || e instanceof org.apache.hc.client5.http.ConnectTimeoutException;
      String why =
          request.isCancelled()
              ? "no complete answer within the refresh's " + deadline.total().toMillis() + "ms"
              : describe(e);
      throw new SalesforceException(
          late ? FailureReason.TIMEOUT : FailureReason.NETWORK,
          0,
          request.getMethod() + " " + hostOf(request) + " failed: " + why,
          e);
    } finally {
      abort.cancel(false);
    }
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
  public <T> T exchange(
      HttpUriRequestBase request,
      Deadline deadline,
      String endpoint,
      ApiCallRecorder recorder,
      Redaction redaction,
      Refusal refusal,
      BodyReader<T> reader)
      throws SalesforceException {
    HttpResult result;
    try {
      result = send(request, deadline);
    } catch (SalesforceException e) {
      if (e.status() != 0 || e.getCause() != null) {
        recorder.record(endpoint, true);
      }
      throw e;
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

  /** Event log downloads, with their own connections and bounds. */
  public LogDownloads downloads() {
    return downloads;
  }

  /** Sizes the pool for a reloaded configuration. */
  public void resize(int maxConnections) {
    pool.setMaxTotal(maxConnections);
    pool.setDefaultMaxPerRoute(maxConnections);
  }

  /** The body cap was hit: the connection is dropped rather than read to the end. */
  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    BodyTooLarge(int status) {
      super("answer larger than " + MAX_BODY_BYTES + " bytes; connection dropped");
      this.status = status;
    }
  }

  static HttpResult read(ClassicHttpResponse response, HttpUriRequestBase request)
      throws IOException {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return new HttpResult(response.getCode(), "");
    }
    if (entity.getContentLength() > MAX_BODY_BYTES) {
      request.cancel();
      throw new BodyTooLarge(response.getCode());
    }
    ContentType type = ContentType.parseLenient(entity.getContentType());
    Charset charset =
        type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
    InputStream in = entity.getContent();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      if (out.size() + n > MAX_BODY_BYTES) {
        // Closing the stream would read the rest to reuse the connection: abort instead.
        request.cancel();
        throw new BodyTooLarge(response.getCode());
      }
      out.write(buffer, 0, n);
    }
    in.close();
    return new HttpResult(response.getCode(), out.toString(charset));
  }

  /** Scheme, host, port and path: never user info or a query (a SOQL query can be long). */
  static String hostOf(HttpUriRequestBase request) {
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

  static String describe(Exception e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null ? kind : kind + ": " + message;
  }

  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    client.close();
    downloads.close();
  }
}
