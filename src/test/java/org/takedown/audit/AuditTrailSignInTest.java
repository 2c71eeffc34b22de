package org.takedown.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.takedown.MovableClock;

/** What a failed sign-in leaves in the audit trail, and that a flood of them cannot fill it. */
class AuditTrailSignInTest {

  final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final List<AuditEvent> saved = new ArrayList<>();
  final AuditTrail trail;

  AuditTrailSignInTest() {
    AuditEventRepository events = mock(AuditEventRepository.class);
    when(events.save(org.mockito.ArgumentMatchers.any())).thenAnswer(call -> {
      saved.add(call.getArgument(0));
      return call.getArgument(0);
    });
    trail = new AuditTrail(events, clock, mock(PlatformTransactionManager.class), new AuditAlarm(new SimpleMeterRegistry(), clock),
        mock(AuditRefusal.class), mock(org.springframework.jdbc.core.JdbcTemplate.class), 20);
  }

  @Test
  void theUserNameTriedIsMadePrintableAndShort() {
    trail.failedSignIn("cora\u0000\r\n\u202Egnp.exe", "192.0.2.1", "form", false);
    trail.failedSignIn("x".repeat(10_000), "192.0.2.1", "api-basic", false);
    trail.failedSignIn(null, "192.0.2.1", "camunda-webapp", true);
    assertThat(saved).extracting(AuditEvent::getActor)
        .containsExactly("cora????gnp.exe", "x".repeat(48) + "…", "(none)");
    assertThat(saved).extracting(e -> e.getVia() + " " + e.getStatus() + " " + e.getAction()).containsExactly(
        "form 401 SIGN-IN FAILED from 192.0.2.1: wrong user name or password",
        "api-basic 401 SIGN-IN FAILED from 192.0.2.1: wrong user name or password",
        "camunda-webapp 429 SIGN-IN THROTTLED from 192.0.2.1: refused without checking the password");
  }

  @Test
  void aFloodFromOneAddressIsCountedNotRecordedOneByOne() {
    for (int i = 0; i < 500; i++) {
      trail.failedSignIn("user" + i, "198.51.100.1", "api-basic", i >= 5);
    }
    assertThat(saved).hasSize(20);
    // Another address has a budget of its own.
    trail.failedSignIn("cora", "198.51.100.2", "api-basic", false);
    assertThat(saved).hasSize(21);

    clock.advance(Duration.ofMinutes(1));
    trail.failedSignIn("user500", "198.51.100.1", "api-basic", true);
    assertThat(saved.get(saved.size() - 1).getAction()).isEqualTo("SIGN-IN THROTTLED from 198.51.100.1: refused without checking "
        + "the password; 480 more failed sign-ins from this address were not recorded one by one");
  }
}
