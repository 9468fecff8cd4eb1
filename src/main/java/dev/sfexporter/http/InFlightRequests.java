package dev.sfexporter.http;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Counts requests being answered (an answer still being written counts), so that stopping can wait
 * for them: a scrape that is waiting for Salesforce when SIGTERM arrives still gets its answer.
 * Once stopping has begun, new requests get 503 at once, except the probes, so that a load balancer
 * sees {@code /-/ready} fail.
 */
final class InFlightRequests extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Set<String> PROBES = Set.of("/-/healthy", "/-/ready");
  private final transient Object lock = new Object();
  private int active;
  private volatile boolean stopping;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (stopping && !PROBES.contains(request.getRequestURI())) {
      response.setHeader("Connection", "close");
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "shutting down");
      return;
    }
    synchronized (lock) {
      active++;
    }
    boolean async = false;
    try {
      chain.doFilter(request, response);
      async = request.isAsyncStarted();
      if (async) {
        request.getAsyncContext().addListener(new Done());
      } else {
        response.flushBuffer();
      }
    } finally {
      if (!async) {
        finished();
      }
    }
  }

  private void finished() {
    synchronized (lock) {
      active--;
      lock.notifyAll();
    }
  }

  /** From now on, new requests other than the probes are refused with 503. */
  void refuseNew() {
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  /** Waits until no request is being answered, at most {@code limit}; true if none is left. */
  boolean awaitIdle(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (lock) {
      while (active > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /** Ends the count of an answer written asynchronously, once, however it ends. */
  private final class Done implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {
      finished();
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }
}
