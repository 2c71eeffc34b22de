package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.takedown.MovableClock;

/** The throttle's arithmetic, on a clock the test moves: waits, doubling, the cap, forgetting, the memory bound. */
class LoginThrottleTest {

  final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final LoginThrottle throttle = new LoginThrottle(clock, 5, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(15), 10_000);

  @Test
  void aClientWaitsAfterFiveWrongPasswordsAndOthersDoNot() {
    for (int i = 1; i <= 4; i++) {
      assertThat(throttle.failed("198.51.100.7", "cora")).as("failure %d is free", i).isZero();
      assertThat(throttle.waitFor("198.51.100.7", "cora")).isZero();
    }
    assertThat(throttle.failed("198.51.100.7", "cora")).isEqualTo(Duration.ofSeconds(5));
    assertThat(throttle.waitFor("198.51.100.7", "cora")).isEqualTo(Duration.ofSeconds(5));
    // The same account from another address, and another account from the same address, are not held back.
    assertThat(throttle.waitFor("203.0.113.9", "cora")).isZero();
    assertThat(throttle.waitFor("198.51.100.7", "lena")).isZero();
    // The user name is compared as the engine would find it, whatever its case.
    assertThat(throttle.waitFor("198.51.100.7", "CORA")).isEqualTo(Duration.ofSeconds(5));

    clock.advance(Duration.ofMillis(3_200));
    assertThat(LoginThrottle.seconds(throttle.waitFor("198.51.100.7", "cora"))).isEqualTo(2);
    clock.advance(Duration.ofMillis(1_800));
    assertThat(throttle.waitFor("198.51.100.7", "cora")).as("Retry-After has passed").isZero();
  }

  @Test
  void theWaitDoublesPerFurtherFailureUpToTheMaximum() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("198.51.100.8", "cora");
    }
    long[] expected = {5, 10, 20, 40, 60, 60, 60};
    for (long seconds : expected) {
      Duration wait = throttle.failed("198.51.100.8", "cora");
      assertThat(wait).isEqualTo(Duration.ofSeconds(seconds));
      clock.advance(wait);
      assertThat(throttle.waitFor("198.51.100.8", "cora")).isZero();
    }
  }

  @Test
  void aCorrectPasswordOrQuietTimeStartsAfresh() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("198.51.100.9", "lena");
    }
    throttle.succeeded("198.51.100.9", "lena");
    assertThat(throttle.waitFor("198.51.100.9", "lena")).isZero();
    assertThat(throttle.failed("198.51.100.9", "lena")).as("counting starts again").isZero();

    for (int i = 0; i < 6; i++) {
      throttle.failed("198.51.100.10", "lena");
    }
    clock.advance(Duration.ofMinutes(15));
    assertThat(throttle.failed("198.51.100.10", "lena")).as("forgotten after 15 minutes").isZero();
  }

  @Test
  void parallelGuessesGetNoMoreTriesThanGuessesInTurn() {
    // A client that has not failed signs in in parallel, as API clients do.
    for (int i = 0; i < 20; i++) {
      assertThat(throttle.begin("198.51.100.11", "cora")).isZero();
    }
    throttle.succeeded("198.51.100.11", "cora");

    throttle.failed("198.51.100.12", "cora");
    for (int i = 0; i < 4; i++) {
      assertThat(throttle.begin("198.51.100.12", "cora")).as("one failure: four more may be under way").isZero();
    }
    assertThat(throttle.begin("198.51.100.12", "cora")).isEqualTo(Duration.ofSeconds(5));
    for (int i = 0; i < 4; i++) {
      throttle.failed("198.51.100.12", "cora");
    }
    assertThat(throttle.waitFor("198.51.100.12", "cora")).isEqualTo(Duration.ofSeconds(5));

    // After the wait, one attempt at a time; an attempt that ended in an error frees its place.
    clock.advance(Duration.ofSeconds(5));
    assertThat(throttle.begin("198.51.100.12", "cora")).isZero();
    assertThat(throttle.begin("198.51.100.12", "cora")).isEqualTo(Duration.ofSeconds(5));
    throttle.abandoned("198.51.100.12", "cora");
    assertThat(throttle.begin("198.51.100.12", "cora")).isZero();
    assertThat(throttle.failed("198.51.100.12", "cora")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void parallelSignInsThatReadTheClockOutOfTurnAreNotHeldBack() {
    // Two requests of one API client with the right password: the second read the clock a moment
    // before the first, but took its turn on the table after it (seen under load with two nodes).
    clock.advance(Duration.ofMillis(5));
    assertThat(throttle.begin("198.51.100.13", "vera")).isZero();
    clock.advance(Duration.ofMillis(-5));
    assertThat(throttle.begin("198.51.100.13", "vera")).as("a client that never failed never waits").isZero();
    throttle.succeeded("198.51.100.13", "vera");

    // The same after failures below the limit: the client may still try at once.
    clock.advance(Duration.ofMillis(5));
    throttle.failed("198.51.100.13", "vera");
    clock.advance(Duration.ofMillis(-5));
    assertThat(throttle.waitFor("198.51.100.13", "vera")).isZero();
    assertThat(throttle.begin("198.51.100.13", "vera")).isZero();
  }

  @Test
  void theTableStaysBoundedUnderAFloodOfNamesAndAddresses() {
    LoginThrottle small = new LoginThrottle(clock, 5, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(15), 100);
    for (int i = 0; i < 5_000; i++) {
      small.failed("10.0." + (i / 250) + "." + (i % 250), "user" + i);
      assertThat(small.size()).isLessThanOrEqualTo(100);
    }
    // A long user name does not make an entry larger than its first 200 characters.
    small.failed("10.1.1.1", "x".repeat(100_000));
    assertThat(small.size()).isLessThanOrEqualTo(100);
  }
}
