package org.takedown.routing;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The background threads of an operator's table file: checking it for a new version, and loading the embedded one early. */
final class TableWatch {

  private TableWatch() {}

  /** Runs {@code check} every {@code every} on a daemon thread; a failure is reported and the next check runs. Null for none. */
  static ScheduledExecutorService every(Duration every, String threadName, Runnable check, Consumer<Throwable> failed) {
    if (every.isZero() || every.isNegative()) {
      return null;
    }
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, threadName);
      thread.setDaemon(true);
      return thread;
    });
    long millis = Math.max(1, every.toMillis());
    watcher.scheduleWithFixedDelay(() -> {
      try {
        check.run();
      } catch (RuntimeException | Error e) {
        failed.accept(e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
    return watcher;
  }

  /** Loads an embedded table on a low-priority daemon thread, so that the first lookup does not wait for it. */
  static void preload(String threadName, Runnable load) {
    Thread loader = new Thread(load, threadName);
    loader.setDaemon(true);
    loader.setPriority(Thread.MIN_PRIORITY);
    loader.start();
  }
}
