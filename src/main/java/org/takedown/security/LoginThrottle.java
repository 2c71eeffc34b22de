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
 * Once a client has failed on an account, its attempts still being checked count too, so parallel
 * guesses get no more tries than guesses one after the other (a client that has not failed may
 * sign in in parallel, as API clients do). The table is held in memory and bounded: entries are forgotten
 * {@code forget-after} the last failure, and at most {@code max-entries} are kept (the oldest go first).
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
  /**
   * blockedUntil of an entry that blocks nothing. Not the time of the attempt: parallel sign-ins read the
   * clock before they take turns on the entry, so one that read it a moment earlier would find itself
   * "blocked" until the other's reading, and be refused (429) with the right password.
   */
  private static final Instant NOT_BLOCKED = Instant.EPOCH;

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

  /**
   * Before a password is checked: the wait this client must still observe on this account (the
   * password must then not be checked), or zero, and the attempt counts as under way until
   * {@link #failed}, {@link #succeeded} or {@link #abandoned} says how it ended.
   */
  public Duration begin(String address, String user) {
    Instant now = clock.instant();
    makeRoom(now);
    Duration[] wait = {Duration.ZERO};
    entries.compute(key(address, user), (key, old) -> {
      Entry entry = old == null || old.forgotten(now, forgetAfter) ? new Entry(0, NOT_BLOCKED, now, 0) : old;
      if (entry.blockedUntil().isAfter(now)) {
        wait[0] = Duration.between(now, entry.blockedUntil());
        return entry;
      }
      if (entry.failures() > 0 && entry.underWay() >= Math.max(1, freeFailures - entry.failures())) {
        // Guessing in parallel: as many attempts are under way as may still fail, so this one waits.
        wait[0] = firstDelay;
        return entry;
      }
      return new Entry(entry.failures(), entry.blockedUntil(), entry.lastFailure(), entry.underWay() + 1);
    });
    return wait[0];
  }

  /** Counts a wrong password; returns the wait it imposes on this client for this account (zero while free). */
  public Duration failed(String address, String user) {
    Instant now = clock.instant();
    makeRoom(now);
    Entry entry = entries.compute(key(address, user), (key, old) -> {
      boolean fresh = old == null || old.forgotten(now, forgetAfter);
      int failures = (fresh ? 0 : old.failures()) + 1;
      int underWay = fresh ? 0 : Math.max(0, old.underWay() - 1);
      return new Entry(failures, failures < freeFailures ? NOT_BLOCKED : now.plus(delay(failures)), now, underWay);
    });
    return entry.blockedUntil().isAfter(now) ? Duration.between(now, entry.blockedUntil()) : Duration.ZERO;
  }

  /** A correct password: this client starts afresh on this account. */
  public void succeeded(String address, String user) {
    entries.remove(key(address, user));
  }

  /** The attempt ended without a verdict on the password (an error): it no longer counts as under way. */
  public void abandoned(String address, String user) {
    entries.computeIfPresent(key(address, user), (key, old) -> old.underWay() == 0 ? old
        : new Entry(old.failures(), old.blockedUntil(), old.lastFailure(), old.underWay() - 1));
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

  /** lastFailure is also when the entry was made, so that an entry without failures is forgotten too. */
  private record Entry(int failures, Instant blockedUntil, Instant lastFailure, int underWay) {
    boolean forgotten(Instant now, Duration forgetAfter) {
      return !blockedUntil.isAfter(now) && !lastFailure.plus(forgetAfter).isAfter(now);
    }
  }
}
