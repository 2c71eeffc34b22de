package org.takedown.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduled work that every node runs at the same cron time, done by one node of the cluster: each
 * node tries to record the run (job, minute) in scheduled_run, and only the one whose row is written
 * does the work. On a single node it always runs.
 */
@Component
public class OncePerCluster {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final String node;

  @Autowired
  OncePerCluster(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this(jdbc, transactions, Clock.systemUTC(), hostName());
  }

  OncePerCluster(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, String node) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.node = node;
  }

  /**
   * True for the one node that claims this minute's run of the job. Nodes fire the same cron
   * second by their own (synchronised) clocks, so they name the same minute.
   */
  public boolean claim(String job) {
    return claim(job, clock.instant().truncatedTo(ChronoUnit.MINUTES));
  }

  /** True for the one node, and the one run, that claims this slot of the job (a day, for a daily digest), ever. */
  public boolean claim(String job, Instant slot) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.update(
          "insert into scheduled_run (job_name, slot, node, started_at) values (?, ?, ?, ?)",
          job, Timestamp.from(slot), node, Timestamp.from(clock.instant())));
      return true;
    } catch (DuplicateKeyException another) {
      return false;
    }
  }

  private static String hostName() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      name = "unknown host";
    }
    return name + " (pid " + ProcessHandle.current().pid() + ")";
  }
}
