package org.takedown.evidence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.takedown.system.Figures;

/**
 * takedown_evidence_bytes{held} and takedown_evidence_items{held}: registered evidence, held="store" for the files
 * in the product's evidence store (what its disk must hold; the store keeps identical files once, so the disk may
 * hold less) and held="elsewhere" for items registered by reference; one grouped query.
 */
@Component
class EvidenceMetrics implements MeterBinder {

  private record Held(long items, long bytes) {}

  private final Supplier<Map<String, Held>> held;

  EvidenceMetrics(EvidenceItemRepository items, Figures figures) {
    this.held = figures.cached(() -> {
      Map<String, Held> sums = new HashMap<>();
      for (Object[] row : items.sizesByStorage()) {
        sums.put(Boolean.TRUE.equals(row[0]) ? "store" : "elsewhere",
            new Held(((Number) row[1]).longValue(), row[2] == null ? 0L : ((Number) row[2]).longValue()));
      }
      return sums;
    });
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String where : new String[] {"store", "elsewhere"}) {
      Gauge.builder("takedown.evidence.bytes", held, sums -> sums.get().getOrDefault(where, new Held(0, 0)).bytes())
          .description("Sum of the sizes of registered evidence items; held=store: files in the product's evidence store")
          .baseUnit("bytes").tag("held", where).register(registry);
      Gauge.builder("takedown.evidence.items", held, sums -> sums.get().getOrDefault(where, new Held(0, 0)).items())
          .description("Registered evidence items; held=store: their files are in the product's evidence store")
          .tag("held", where).register(registry);
    }
  }
}
