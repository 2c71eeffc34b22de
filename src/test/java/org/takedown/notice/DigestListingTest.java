package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The weekly digest names a section's first rows and counts the rest, so 254 open operations are no 254-line mail. */
class DigestListingTest {

  @Test
  void aLongSectionIsCutAndCountedAShortOneIsWhole() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i <= 254; i++) {
      rows.add(Map.of("reference", "OP-2026-%04d".formatted(i)));
    }
    Map<String, Object> content = new LinkedHashMap<>();
    CoordinatorDigest.listed(content, "open", rows, 20);
    assertThat((List<?>) content.get("open")).hasSize(20).first().isEqualTo(Map.of("reference", "OP-2026-0001"));
    assertThat(content).containsEntry("openTotal", 254).containsEntry("openMore", "… and 234 more on the board.");

    CoordinatorDigest.listed(content, "overdue", rows.subList(0, 3), 20);
    assertThat((List<?>) content.get("overdue")).hasSize(3);
    assertThat(content).containsEntry("overdueTotal", 3).containsEntry("overdueMore", null);
  }
}
