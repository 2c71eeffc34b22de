package org.takedown.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.TakedownTest;

/** The first tips of a year, at the same instant: each gets its own number, and nobody fails. */
@TakedownTest
class ReferenceNumbersTest {

  static final int CLIENTS = 8;

  @Autowired ReferenceNumbers references;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void concurrentFirstNumbersOfAYearAreDistinctAndNoneFails() throws Exception {
    // A year no other test uses, whose counter row does not exist yet: every client races to create it.
    int year = 3001;
    TransactionTemplate tip = new TransactionTemplate(transactions);
    CyclicBarrier start = new CyclicBarrier(CLIENTS);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Integer>> issued = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        issued.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return tip.execute(status -> references.next(year));
        }));
      }
      List<Integer> numbers = new ArrayList<>();
      for (Future<Integer> number : issued) {
        numbers.add(number.get(30, TimeUnit.SECONDS)); // a failure surfaces here as an ExecutionException
      }
      assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, CLIENTS).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
    assertThat((int) tip.execute(status -> references.next(year))).as("the counter goes on, never reset by a late creation").isEqualTo(CLIENTS + 1);
    assertThat((int) tip.execute(status -> references.next(year + 1))).as("next year's row was made ready").isEqualTo(1);
  }
}
