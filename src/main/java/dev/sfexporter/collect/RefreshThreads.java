package dev.sfexporter.collect;

import dev.sfexporter.salesforce.DaemonThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The threads that start refreshes and read Salesforce's answers: a few, whatever the number of
 * orgs, because no thread waits for Salesforce. Calls wait on the HTTP client's I/O threads, and
 * event log downloads (which block while they stream in) have threads of their own ({@link
 * dev.sfexporter.salesforce.LogDownloads}). Idle threads end after a while.
 */
public final class RefreshThreads implements AutoCloseable {
  /**
   * Threads for CPU work: signing a JWT, parsing an answer, turning it into samples. More than the
   * cores, so that a refresh token written to disk does not hold up the others.
   */
  public static final int WORKERS = 4;

  private static final long IDLE_SECONDS = 30;

  private final ThreadPoolExecutor workers;

  public RefreshThreads() {
    this.workers = DaemonThreads.pool(WORKERS, IDLE_SECONDS, "refresh-");
  }

  /** Where refreshes start and answers are read. */
  public Executor executor() {
    return workers;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
