package dev.sfexporter.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Counts requests being answered, so that stopping can wait for them: a scrape that is waiting for
 * Salesforce when SIGTERM arrives still gets its whole answer.
 */
final class InFlightRequests extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private final Object lock = new Object();
  private int active;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    synchronized (lock) {
      active++;
    }
    try {
      chain.doFilter(request, response);
      response.flushBuffer();
    } finally {
      synchronized (lock) {
        active--;
        lock.notifyAll();
      }
    }
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
}
