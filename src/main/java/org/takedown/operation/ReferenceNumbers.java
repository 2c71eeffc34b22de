package org.takedown.operation;

import java.time.Clock;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues the numbers of OP-<year>-<number>. The year's counter row is locked until the caller's
 * transaction ends, so concurrent tips wait for each other and a number is issued once, or not at
 * all when the tip is rolled back. The row itself is created in a transaction of its own that
 * tolerates a concurrent creation, so the first tips of a year (or at start-up) never collide on it.
 */
@Component
class ReferenceNumbers implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(ReferenceNumbers.class);

  private final ReferenceCounterRepository counters;
  private final TransactionTemplate own;
  private final Clock clock;

  ReferenceNumbers(ReferenceCounterRepository counters, PlatformTransactionManager transactions, Clock clock) {
    this.counters = counters;
    this.clock = clock;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Before the server takes requests: this year's and next year's rows, so that issuing a number
   * rarely needs the second connection of {@link #createYear}.
   */
  @Override
  public void afterSingletonsInstantiated() {
    int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
    createYear(year);
    createYear(year + 1);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  int next(int year) {
    ReferenceCounter counter = counters.lockYear(year).orElseGet(() -> {
      createYear(year);
      createYear(year + 1);
      return counters.lockYear(year).orElseThrow();
    });
    return counter.next();
  }

  private void createYear(int year) {
    try {
      if (own.execute(status -> counters.createYear(year)) == 1) {
        log.info("Reference counter for {} created", year);
      }
    } catch (DataIntegrityViolationException e) {
      // Another transaction created the row at the same moment; it is there now, which is all we need.
      log.debug("Reference counter for {} was created concurrently", year);
    }
  }
}
