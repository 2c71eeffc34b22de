package org.takedown.partner;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.takedown.system.Figures;

/** takedown_action_links{state}: emailed action links issued, used by a national unit, and revoked unused; one query. */
@Component
class ActionLinkMetrics implements MeterBinder {

  private final Supplier<long[]> counts;

  ActionLinkMetrics(ActionLinkRepository links, Figures figures) {
    this.counts = figures.cached(() -> {
      Object[] row = links.countUse().get(0);
      return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue()};
    });
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    String[] states = {"issued", "used", "revoked"};
    for (int i = 0; i < states.length; i++) {
      int column = i;
      Gauge.builder("takedown.action.links", counts, c -> c.get()[column])
          .description("Emailed action links: issued (all), used by a national unit, revoked unused (superseded or withdrawn)")
          .tag("state", states[i]).register(registry);
    }
  }
}
