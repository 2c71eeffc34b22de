package org.takedown.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, counted per client address and account together: a client that keeps guessing
 * one account's password waits before its next try, while the same account signs in from any other
 * address at once. So nobody can lock anyone else out. After {@code free-failures} wrong passwords
 * the wait starts at {@code first-delay} and doubles per further failure, up to {@code max-delay}.
 * The table is held in memory and bounded: entries are forgotten {@code forget-after} the last
 * failure, and at most {@code max-entries} are kept (the oldest go first).
 */
@Component
public class LoginThrottle {

  private final Clock clock;
  private final int freeFailures;
  private final Duration firstDelay;
  private final Duration maxDelay;
  private final Duration forgetAfter;
  private final int maxEntries;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Autowired
  LoginThrottle(Clock clock,
      @Value("${takedown.security.login-throttle.free-failures:5}") int freeFailures,
      @Value("${takedown.security.login-throttle.first-delay:5s}") Duration firstDelay,
      @Value("${takedown.security.login-throttle.max-delay:60s}") Duration maxDelay,
      @Value("${takedown.security.login-throttle.forget-after:15m}") Duration forgetAfter,
      @Value("${takedown.security.login-throttle.max-entries:10000}") int maxEntries) {
    if (freeFailures < 1) {
      throw new IllegalArgumentException("takedown.security.login-throttle.free-failures must be at least 1");
    }
    if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("takedown.security.login-throttle: first-delay must be positive and at most max-delay");
    }
    if (forgetAfter.compareTo(maxDelay) < 0) {
      throw new IllegalArgumentException("takedown.security.login-throttle.forget-after must be at least max-delay");
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("takedown.security.login-throttle.max-entries must be at least 1");
    }
    this.clock = clock;
    this.freeFailures = freeFailures;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
    this.forgetAfter = forgetAfter;
    this.maxEntries = maxEntries;
  }

  /** How long this client must still wait before it may try this account again; zero if it may now. */
  public Duration waitFor(String address, String user) {
    Entry entry = entries.get(key(address, user));
    Instant now = clock.instant();
    return entry == null || !entry.blockedUntil().isAfter(now) ? Duration.ZERO : Duration.between(now, entry.blockedUntil());
  }

  /** Counts a wrong password; returns the wait it imposes on this client for this account (zero while free). */
  public Duration failed(String address, String user) {
    Instant now = clock.instant();
    makeRoom(now);
    Entry entry = entries.compute(key(address, user), (key, old) -> {
      int failures = (old == null || old.forgotten(now, forgetAfter) ? 0 : old.failures()) + 1;
      return new Entry(failures, failures < freeFailures ? now : now.plus(delay(failures)), now);
    });
    return Duration.between(now, entry.blockedUntil());
  }

  /** A correct password: this client starts afresh on this account. */
  public void succeeded(String address, String user) {
    entries.remove(key(address, user));
  }

  /** Whole seconds to announce in Retry-After, rounded up, at least 1. */
  public static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  int size() {
    return entries.size();
  }

  private Duration delay(int failures) {
    int doublings = Math.min(failures - freeFailures, 30);
    Duration delay = firstDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** Keeps the table bounded, so that floods of made-up names or addresses cannot exhaust memory. */
  private void makeRoom(Instant now) {
    if (entries.size() < maxEntries) {
      return;
    }
    synchronized (entries) {
      entries.values().removeIf(entry -> entry.forgotten(now, forgetAfter));
      int excess = entries.size() - maxEntries * 9 / 10;
      if (excess > 0) {
        // Still full of live entries: drop the longest-quiet tenth at once, so this scan is rare.
        entries.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().lastFailure())).limit(excess)
            .map(Map.Entry::getKey).toList().forEach(entries::remove);
      }
    }
  }

  private static String key(String address, String user) {
    String name = user == null ? "" : user.length() > 200 ? user.substring(0, 200) : user;
    // The address never contains a line break, so the key is unambiguous.
    return address + "\n" + name.toLowerCase(Locale.ROOT);
  }

  private record Entry(int failures, Instant blockedUntil, Instant lastFailure) {
    boolean forgotten(Instant now, Duration forgetAfter) {
      return !blockedUntil.isAfter(now) && !lastFailure.plus(forgetAfter).isAfter(now);
    }
  }
}
