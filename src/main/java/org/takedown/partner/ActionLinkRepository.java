package org.takedown.partner;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ActionLinkRepository extends JpaRepository<ActionLink, String> {

  /** Marks the link used; 0 when it was used or revoked meanwhile, so a link works only once. */
  @Modifying
  @Query("update ActionLink l set l.usedAt = :now where l.nonce = :nonce and l.usedAt is null and l.revokedAt is null")
  int use(String nonce, Instant now);

  @Query("select l.usedAt from ActionLink l where l.nonce = :nonce")
  Instant usedAt(String nonce);

  @Modifying
  @Query("""
      update ActionLink l set l.revokedAt = :now
      where l.operation.id = (select o.id from Operation o where o.reference = :reference) and l.usedAt is null and l.revokedAt is null""")
  int revokeAll(String reference, Instant now);

  /** Links of a task superseded by newer ones (a reminder, a reassignment, a new package). */
  @Modifying
  @Query("""
      update ActionLink l set l.revokedAt = :now
      where l.processInstanceId = :processInstanceId and l.taskKey = :taskKey and l.usedAt is null and l.revokedAt is null""")
  int revokeOpen(String processInstanceId, String taskKey, Instant now);

  java.util.Optional<ActionLink> findFirstByProcessInstanceIdAndTaskKeyAndUsedAtIsNotNullOrderByUsedAtDesc(String processInstanceId, String taskKey);

  /** The recipient's own answer to the task, given before its other links were revoked. */
  java.util.Optional<ActionLink> findFirstByProcessInstanceIdAndTaskKeyAndRecipientAndUsedAtLessThanEqualOrderByUsedAtDesc(
      String processInstanceId, String taskKey, String recipient, java.time.Instant revokedBy);

  /** One row: [issued, used, revoked] links, for the metrics. */
  @Query("select count(l), count(l.usedAt), count(l.revokedAt) from ActionLink l")
  List<Object[]> countUse();
}
