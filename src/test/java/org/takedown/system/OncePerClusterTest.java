package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.takedown.TakedownTest;

/** Two nodes fire the same cron second: one runs the work, the other skips, and the next run is claimed again. */
@TakedownTest
class OncePerClusterTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void oneOfTwoNodesRunsEachScheduledRun() throws Exception {
    Clock night = Clock.fixed(Instant.parse("2031-03-04T02:30:00.004Z"), ZoneOffset.UTC);
    OncePerCluster nodeA = new OncePerCluster(jdbc, transactions, night, "node-a");
    OncePerCluster nodeB = new OncePerCluster(jdbc, transactions, Clock.offset(night, Duration.ofMillis(7)), "node-b");

    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> claims = both.invokeAll(List.<Callable<Boolean>>of(() -> nodeA.claim("test-job"), () -> nodeB.claim("test-job")));
      assertThat(List.of(claims.get(0).get(), claims.get(1).get())).as("claims of node-a and node-b").containsExactlyInAnyOrder(true, false);
    } finally {
      both.shutdownNow();
    }
    assertThat(jdbc.queryForList("select node from scheduled_run where job_name = 'test-job'", String.class))
        .singleElement().isIn("node-a", "node-b");

    OncePerCluster nextNight = new OncePerCluster(jdbc, transactions, Clock.offset(night, Duration.ofDays(1)), "node-b");
    assertThat(nextNight.claim("test-job")).as("the next night's run").isTrue();
  }
}
