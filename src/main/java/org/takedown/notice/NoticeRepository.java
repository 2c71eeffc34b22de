package org.takedown.notice;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface NoticeRepository extends JpaRepository<Notice, Long> {

  List<Notice> findByOperationReferenceOrderByCreatedAtAscIdAsc(String reference);

  boolean existsByDigestAndRecipient(String digest, String recipient);

  List<Notice> findByDigestOrderById(String digest);

  /** Digests of a kind recorded but not sent (the mail server was down): sent late at the next run rather than never. */
  @Query("select n.id from Notice n where n.kind = :kind and n.digest is not null and n.status = 'PENDING' order by n.id")
  List<Long> pendingDigests(NoticeKind kind);

  @Query("select n.id from Notice n where n.processInstanceId = :processInstanceId and n.status = 'PENDING' order by n.id")
  List<Long> pendingIds(String processInstanceId);

  /** Locks the row, so that two jobs of one instance never send the same notice. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select n from Notice n where n.id = :id")
  Optional<Notice> lock(long id);

  @Modifying
  @Query("""
      update Notice n set n.status = 'CANCELLED', n.cancelledAt = :now, n.version = n.version + 1
      where n.status = 'PENDING' and n.operation.id = (select o.id from Operation o where o.reference = :reference)""")
  int cancelPending(String reference, Instant now);

  @Query("""
      select distinct n.recipient from Notice n
      where n.operation.reference = :reference and n.status = 'SENT' and n.kind <> :except""")
  List<String> sentRecipients(String reference, NoticeKind except);

  /** [status, count, count with a failed attempt] per status, for the metrics. */
  @Query("select n.status, count(n), sum(case when n.lastError is not null then 1 else 0 end) from Notice n group by n.status")
  List<Object[]> countPerStatus();
}
