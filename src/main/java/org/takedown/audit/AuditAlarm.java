package org.takedown.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * What an operator is told when the audit trail cannot be written: the counter {@code takedown.audit.failures}
 * (by kind, at /actuator/prometheus) and "audit" in /actuator/health, DOWN from a failed write until the next write
 * succeeds. Not in the readiness group: reads go on while actions are refused, and every node shares the database,
 * so taking nodes out of the load balancer would only turn the plain-words refusal into no answer at all.
 */
@Component("audit")
class AuditAlarm implements HealthIndicator {

  /** What went unrecorded. */
  enum Kind {
    /** An action refused (not taken) because its row could not be written. */
    ACTION("action"),
    /** The answer to an action already taken could not be written: its row stays STARTED. */
    OUTCOME("outcome"),
    /** A request refused by sign-in or authorisation (nothing taken) left no row. */
    REFUSAL("refusal"),
    /** A failed sign-in left no row (the sign-in itself is answered as always). */
    SIGN_IN("sign-in");

    final String tag;

    Kind(String tag) {
      this.tag = tag;
    }
  }

  private final Clock clock;
  private final Map<Kind, Counter> counters = new EnumMap<>(Kind.class);
  private volatile Instant lastFailure;
  private volatile String lastError;
  /** The last write failed: nothing has been written since. */
  private volatile boolean down;

  AuditAlarm(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    for (Kind kind : Kind.values()) {
      counters.put(kind, Counter.builder("takedown.audit.failures").tag("kind", kind.tag)
          .description("Audit rows that could not be written; kind=action: an action refused for that reason").register(registry));
    }
  }

  void failed(Kind kind, RuntimeException e) {
    counters.get(kind).increment();
    lastError = e.getClass().getSimpleName();
    lastFailure = clock.instant();
    down = true;
  }

  void written() {
    down = false;
  }

  @Override
  public Health health() {
    Instant failure = lastFailure;
    if (failure == null) {
      return Health.up().build();
    }
    boolean down = this.down;
    Health.Builder health = (down ? Health.down() : Health.up()).withDetail("lastFailure", failure.toString())
        .withDetail("lastError", lastError).withDetail("actionsRefused", (long) counters.get(Kind.ACTION).count());
    if (down) {
      health.withDetail("error", "the audit trail cannot be written: state-changing requests are refused (503) until it can");
    }
    return health.build();
  }
}
