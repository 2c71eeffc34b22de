package org.takedown.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {

  @Query("""
      select e from AuditEvent e
      where (:operation is null or e.operation = :operation)
        and (:actor is null or e.actor = :actor)
        and e.occurredAt >= :since
      order by e.occurredAt desc, e.id desc""")
  List<AuditEvent> search(String operation, String actor, Instant since, Pageable page);

  /** The answer to a request recorded as STARTED before its action; the operation if only the answer named it. */
  @Modifying
  @Query("""
      update AuditEvent e set e.status = :status, e.outcome = :outcome, e.operation = coalesce(e.operation, :operation)
      where e.id = :id""")
  int finish(long id, int status, String outcome, String operation);
}
