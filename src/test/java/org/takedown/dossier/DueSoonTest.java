package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Due soon" is the last quarter of the time given, and at most the configured window before the due date. */
class DueSoonTest {

  private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
  private final Board board = new Board(null, Duration.ofHours(24), 250);

  @Test
  void aDayForTriageIsDueSoonInItsLastSixHours() {
    Board.Due triage = new Board.Due(START.plus(Duration.ofDays(1)), START);
    assertThat(board.soon(triage, START)).as("just arrived").isFalse();
    assertThat(board.soon(triage, START.plus(Duration.ofHours(17)))).isFalse();
    assertThat(board.soon(triage, START.plus(Duration.ofHours(19)))).isTrue();
    assertThat(board.soon(triage, START.plus(Duration.ofHours(25)))).as("overdue, not due soon").isFalse();
  }

  @Test
  void aLongDeadlineIsDueSoonOnlyWithinTheWindow() {
    Board.Due outcome = new Board.Due(START.plus(Duration.ofDays(14)), START);
    assertThat(board.soon(outcome, START.plus(Duration.ofDays(12)))).as("3.5 days left, more than the 24 h window").isFalse();
    assertThat(board.soon(outcome, START.plus(Duration.ofDays(13)).plus(Duration.ofHours(1)))).isTrue();
  }

  @Test
  void withoutAStartTheWindowAlone() {
    Board.Due due = new Board.Due(START.plus(Duration.ofHours(20)), null);
    assertThat(board.soon(due, START)).isTrue();
  }
}
