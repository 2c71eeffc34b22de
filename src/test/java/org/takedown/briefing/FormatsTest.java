package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.takedown.dossier.statistics.StatisticsReport;

/** Documents write durations as the board and the statistics do: one format a reader meets everywhere. */
class FormatsTest {

  @Test
  void durationsReadAsOnTheBoard() {
    assertThat(Formats.duration(0)).isEqualTo("0 s");
    assertThat(Formats.duration(46_400)).isEqualTo("46 s");
    assertThat(Formats.duration(266_000)).isEqualTo("4 min");
    assertThat(Formats.duration(Duration.ofMinutes(125).toMillis())).isEqualTo("2 h 5 min");
    assertThat(Formats.duration(Duration.ofHours(51).toMillis())).isEqualTo("2 d 3 h");
    for (long millis : new long[] {0, 999, 46_400, 59_999, 60_000, 266_000, 3_600_000, 7_500_000, 183_600_000}) {
      assertThat(Formats.duration(millis)).as(millis + " ms").isEqualTo(StatisticsReport.human(Duration.ofMillis(millis)));
    }
  }
}
