package org.takedown.system;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Figures that the metrics read from the database: each is one aggregate query, run at most once per max-age
 * however often Prometheus (or several) scrape, so scrapes never hammer the database.
 */
@Component
public class Figures {

  private final Duration maxAge;

  Figures(@Value("${takedown.metrics.max-age:5s}") Duration maxAge) {
    this.maxAge = maxAge;
  }

  public <T> Supplier<T> cached(Supplier<T> query) {
    return new Cached<>(query, maxAge, System::nanoTime);
  }

  /** A value loaded again once it is older than maxAge; a failed load is thrown and tried again at the next read. */
  static final class Cached<T> implements Supplier<T> {

    private final Supplier<T> query;
    private final long maxAgeNanos;
    private final LongSupplier ticker;
    private T value;
    private long loadedAt;

    Cached(Supplier<T> query, Duration maxAge, LongSupplier ticker) {
      this.query = query;
      this.maxAgeNanos = maxAge.toNanos();
      this.ticker = ticker;
    }

    @Override
    public synchronized T get() {
      long now = ticker.getAsLong();
      if (value == null || now - loadedAt >= maxAgeNanos) {
        value = query.get();
        loadedAt = now;
      }
      return value;
    }
  }
}
