package org.takedown.system;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.TransientDataAccessException;

/** Recognises a transaction that lost a race with another one and may simply be tried again. */
public final class Concurrency {

  private Concurrency() {}

  public static boolean isCollision(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException
          || cause instanceof TransientDataAccessException || cause instanceof java.sql.SQLTransientException
          || cause instanceof jakarta.persistence.OptimisticLockException || cause instanceof jakarta.persistence.PessimisticLockException
          || cause instanceof jakarta.persistence.LockTimeoutException) {
        return true;
      }
      if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("40") || "HYT00".equals(sql.getSQLState()))) {
        return true; // serialization failure or deadlock (40001, 40P01), H2 lock timeout
      }
    }
    return false;
  }
}
