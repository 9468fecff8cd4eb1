package dev.sfexporter.salesforce;

import static dev.sfexporter.salesforce.SalesforceHttp.CALL_OPTIONS;
import static dev.sfexporter.salesforce.SalesforceHttp.describe;
import static dev.sfexporter.salesforce.SalesforceHttp.hostOf;

import dev.sfexporter.config.OutboundConfig;
import dev.sfexporter.salesforce.SalesforceHttp.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Event log downloads: minutes long and up to gigabytes, so they have their own connections (a long
 * transfer neither holds a connection the API calls need nor shares one with them) and their own
 * bounds, and are read as they stream in.
 */
public final class LogDownloads implements AutoCloseable {
  /** Downloads at once across all orgs; the rest wait for a connection. */
  static final int CONNECTIONS = 4;

  private final CloseableHttpClient client;
  private final ScheduledExecutorService deadlines;
  private final ThreadPoolExecutor threads;

  LogDownloads(
      String userAgent,
      Duration connectTimeout,
      OutboundConfig outbound,
      ScheduledExecutorService deadlines) {
    this.client =
        SalesforceClients.client(
            SalesforceClients.pool(CONNECTIONS, connectTimeout, outbound), userAgent, outbound);
    this.deadlines = deadlines;
    // A download blocks its thread while it streams in; idle threads end.
    this.threads = DaemonThreads.pool(CONNECTIONS, 30, "download-");
  }

  /** A blocking download, run on a download thread. */
  @FunctionalInterface
  public interface Blocking<T> {
    T run() throws SalesforceException;
  }

  /** Runs {@code download} on one of the download threads; downloads beyond them queue. */
  public <T> CompletableFuture<T> run(Blocking<T> download) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return download.run();
          } catch (SalesforceException e) {
            throw new CompletionException(e);
          }
        },
        threads);
  }

  /** Reads a streamed body; the stream is already decompressed and bounded. */
  @FunctionalInterface
  public interface StreamReader<T> {
    T read(InputStream body) throws IOException;
  }

  /**
   * One counted download of a large body (an event log file), read as it arrives: gzip is asked for
   * and decoded here, the bytes on the wire are capped at {@code maxBytes}, and the whole download
   * at {@code timeout}, instead of the 1 MiB and per-refresh limits of API calls.
   */
  public <T> T download(
      HttpUriRequestBase request,
      Duration timeout,
      long maxBytes,
      String endpoint,
      ApiCallRecorder recorder,
      Redaction redaction,
      Refusal refusal,
      StreamReader<T> reader)
      throws SalesforceException {
    request.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(Timeout.ofSeconds(60))
            .setConnectionRequestTimeout(Timeout.of(timeout))
            .build());
    request.setHeader("Sforce-Call-Options", CALL_OPTIONS);
    request.setHeader("Accept-Encoding", "gzip");
    java.util.concurrent.atomic.AtomicBoolean timedOut =
        new java.util.concurrent.atomic.AtomicBoolean();
    ScheduledFuture<?> abort =
        deadlines.schedule(
            () -> {
              timedOut.set(true);
              request.cancel();
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      T value =
          client.execute(
              request,
              response -> {
                HttpEntity entity = response.getEntity();
                if (response.getCode() < 200 || response.getCode() >= 300) {
                  HttpResult failed = read(response, request);
                  throw new Refused(
                      refusal.of(new HttpResult(failed.status(), redaction.apply(failed.body()))));
                }
                if (entity == null) {
                  throw new IOException("the answer has no body");
                }
                try {
                  CappedInputStream wire =
                      new CappedInputStream(entity.getContent(), maxBytes, request);
                  boolean gzip =
                      entity.getContentEncoding() != null
                          && entity
                              .getContentEncoding()
                              .toLowerCase(java.util.Locale.ROOT)
                              .contains("gzip");
                  InputStream body = gzip ? new java.util.zip.GZIPInputStream(wire, 65536) : wire;
                  T read = reader.read(body);
                  wire.close();
                  return read;
                } catch (CappedInputStream.TooLarge e) {
                  throw e;
                } catch (IOException | RuntimeException e) {
                  // Never drain the rest of a large file to reuse the connection: drop it.
                  request.cancel();
                  throw new ReadFailed(e);
                }
              });
      recorder.record(endpoint, false);
      return value;
    } catch (Refused e) {
      recorder.record(endpoint, true);
      throw e.refusal;
    } catch (ReadFailed e) {
      recorder.record(endpoint, true);
      Throwable cause = e.getCause();
      boolean late = timedOut.get() || cause instanceof java.net.SocketTimeoutException;
      boolean network = cause instanceof java.net.SocketException;
      throw new SalesforceException(
          late
              ? FailureReason.TIMEOUT
              : network ? FailureReason.NETWORK : FailureReason.INVALID_RESPONSE,
          200,
          request.getMethod()
              + " "
              + hostOf(request)
              + (timedOut.get()
                  ? ": not complete within download_timeout " + timeout.toSeconds() + "s"
                  : ": reading the download failed: " + describe((Exception) cause)),
          cause);
    } catch (CappedInputStream.TooLarge e) {
      recorder.record(endpoint, true);
      throw new SalesforceException(
          FailureReason.INVALID_RESPONSE,
          200,
          request.getMethod() + " " + hostOf(request) + ": " + e.getMessage(),
          e);
    } catch (IOException | RuntimeException e) {
      recorder.record(endpoint, true);
      boolean late = request.isCancelled() || e instanceof java.net.SocketTimeoutException;
      throw new SalesforceException(
          late ? FailureReason.TIMEOUT : FailureReason.INVALID_RESPONSE,
          0,
          request.getMethod()
              + " "
              + hostOf(request)
              + " failed: "
              + (request.isCancelled()
                  ? "not complete within download_timeout " + timeout.toSeconds() + "s"
                  : describe(e)),
          e);
    } finally {
      abort.cancel(false);
    }
  }

  /** A refusal's body, up to the API calls' cap: never a whole log file. */
  private static HttpResult read(ClassicHttpResponse response, HttpUriRequestBase request)
      throws IOException {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return new HttpResult(response.getCode(), "");
    }
    ContentType type = ContentType.parseLenient(entity.getContentType());
    Charset charset =
        type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
    byte[] body = entity.getContent().readNBytes(SalesforceHttp.MAX_BODY_BYTES);
    // Closing the stream would read the rest to reuse the connection: abort instead.
    request.cancel();
    return new HttpResult(response.getCode(), new String(body, charset));
  }

  /** Carries a failure to read the body (after the connection was dropped) out of the handler. */
  private static final class ReadFailed extends IOException {
    private static final long serialVersionUID = 1L;

    ReadFailed(Exception cause) {
      super(cause);
    }
  }

  /** Carries a refusal out of the response handler. */
  private static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient SalesforceException refusal;

    Refused(SalesforceException refusal) {
      super(refusal.getMessage());
      this.refusal = refusal;
    }
  }

  @Override
  public void close() throws IOException {
    threads.shutdownNow();
    client.close();
  }
}
