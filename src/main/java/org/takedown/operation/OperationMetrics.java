package org.takedown.operation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.takedown.system.Figures;

/** takedown_operations{stage}: how many operations stand at each stage, from one grouped count. */
@Component
class OperationMetrics implements MeterBinder {

  private final Supplier<Map<Stage, Long>> perStage;

  OperationMetrics(OperationRepository operations, Figures figures) {
    this.perStage = figures.cached(() -> {
      Map<Stage, Long> counts = new EnumMap<>(Stage.class);
      for (Object[] row : operations.countPerStage()) {
        counts.put((Stage) row[0], (Long) row[1]);
      }
      return counts;
    });
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Stage stage : Stage.values()) {
      Gauge.builder("takedown.operations", perStage, counts -> counts.get().getOrDefault(stage, 0L))
          .description("Operations at each stage (closed, rejected, merged and withdrawn ones included)")
          .tag("stage", stage.name()).register(registry);
    }
  }
}
