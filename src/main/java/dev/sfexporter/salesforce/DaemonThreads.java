package dev.sfexporter.salesforce;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The exporter's own threads: named, daemons (they never keep the process alive), bounded. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Threads named {@code prefix1}, {@code prefix2}… */
  public static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * At most {@code size} threads, started as work arrives and ended after {@code idleSeconds}
   * without any; work beyond them waits in line.
   */
  public static ThreadPoolExecutor pool(int size, long idleSeconds, String prefix) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            size, size, idleSeconds, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named(prefix));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
