package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void aFigureIsQueriedAgainOnlyOnceItIsOlderThanItsMaxAge() {
    AtomicLong now = new AtomicLong(0);
    AtomicInteger queries = new AtomicInteger();
    Figures.Cached<Integer> figure = new Figures.Cached<>(queries::incrementAndGet, Duration.ofSeconds(5), now::get);

    assertThat(figure.get()).isEqualTo(1);
    now.set(Duration.ofSeconds(4).toNanos());
    assertThat(figure.get()).as("four seconds later, from the cache").isEqualTo(1);
    now.set(Duration.ofSeconds(5).toNanos());
    assertThat(figure.get()).as("five seconds later, queried again").isEqualTo(2);
    assertThat(queries).hasValue(2);
  }
}
