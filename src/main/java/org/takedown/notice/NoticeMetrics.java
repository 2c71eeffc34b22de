package org.takedown.notice;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.takedown.system.Figures;

/**
 * takedown_notices{status}: sent, pending (not tried yet or being retried), failing (pending, and its last attempt
 * failed: a mail server problem shows here before it becomes an incident) and cancelled notices; one grouped count.
 */
@Component
class NoticeMetrics implements MeterBinder {

  private static final String SENT = "sent";
  private static final String PENDING = "pending";
  private static final String FAILING = "failing";
  private static final String CANCELLED = "cancelled";

  private final Supplier<Map<String, Long>> perStatus;

  NoticeMetrics(NoticeRepository notices, Figures figures) {
    this.perStatus = figures.cached(() -> {
      Map<String, Long> counts = new HashMap<>();
      for (Object[] row : notices.countPerStatus()) {
        long count = ((Number) row[1]).longValue();
        switch ((Notice.Status) row[0]) {
          case SENT -> counts.put(SENT, count);
          case CANCELLED -> counts.put(CANCELLED, count);
          case PENDING -> {
            counts.put(PENDING, count);
            counts.put(FAILING, row[2] == null ? 0L : ((Number) row[2]).longValue());
          }
        }
      }
      return counts;
    });
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String status : new String[] {SENT, PENDING, FAILING, CANCELLED}) {
      Gauge.builder("takedown.notices", perStatus, counts -> counts.get().getOrDefault(status, 0L))
          .description("Notices by status; failing ones are pending notices whose last attempt to send failed")
          .tag("status", status).register(registry);
    }
  }
}
