package dev.sfexporter.collect;

import dev.sfexporter.config.Sources;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that call Salesforce, bounded whatever the number of orgs. Refreshes beyond the bound
 * queue (each still within its own timeout, counted from when it runs). Idle threads end after a
 * while, so an exporter between refresh waves holds few.
 *
 * <p>Event log downloads (the {@code api_usage} source) may take minutes each; they get a small
 * pool of their own so that they never hold up the quick API calls of other orgs.
 */
public final class RefreshThreads implements AutoCloseable {
  /**
   * Quick calls at once. A /limits refresh is one or two round trips, so at 200 ms each this pool
   * refreshes ~80–160 orgs a second: 1,000 orgs in 6–12 s after a cold start (see README,
   * "Performance"), far less when Prometheus spreads per-org targets over the interval.
   */
  public static final int QUICK = 32;

  /** Event log downloads at once. */
  public static final int DOWNLOADS = 4;

  private static final long IDLE_SECONDS = 30;

  private final ThreadPoolExecutor quick;
  private final ThreadPoolExecutor downloads;

  public RefreshThreads() {
    this.quick = pool(QUICK, "refresh-");
    this.downloads = pool(DOWNLOADS, "download-");
  }

  /** Where refreshes of {@code source} run. */
  Executor forSource(String source) {
    return Sources.API_USAGE.equals(source) ? downloads : quick;
  }

  /** Threads alive now, for tests and the benchmark. */
  public int alive() {
    return quick.getPoolSize() + downloads.getPoolSize();
  }

  private static ThreadPoolExecutor pool(int size, String prefix) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            size,
            size,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads(prefix));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    quick.shutdownNow();
    downloads.shutdownNow();
  }
}
