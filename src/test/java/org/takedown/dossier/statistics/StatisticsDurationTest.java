package org.takedown.dossier.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cycle times as the statistics page and its charts label them. */
class StatisticsDurationTest {

  @Test
  void shortStepsReadInSecondsNotAsZeroMinutes() {
    assertThat(StatisticsReport.human(Duration.ofSeconds(0))).isEqualTo("0 s");
    assertThat(StatisticsReport.human(Duration.ofSeconds(43))).isEqualTo("43 s");
    assertThat(StatisticsReport.human(Duration.ofSeconds(60))).isEqualTo("1 min");
    assertThat(StatisticsReport.human(Duration.ofMinutes(320))).isEqualTo("5 h 20 min");
    assertThat(StatisticsReport.human(Duration.ofHours(52))).isEqualTo("2 d 4 h");
    assertThat(StatisticsReport.human(null)).isEqualTo("–");
  }
}
