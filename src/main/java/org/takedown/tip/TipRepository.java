package org.takedown.tip;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface TipRepository extends JpaRepository<Tip, Long> {

  /** The whole tips, payloads included (up to takedown.api.max-body-size each): only where the payload is needed. */
  List<Tip> findByOperationReferenceOrderByReceivedAt(String reference);

  /** The operation's tips without their payloads, in the order received. */
  @Query("""
      select new org.takedown.tip.ReceivedTip(t.receivedAt, t.submitter, t.payloadSha256, t.acknowledgedAt)
      from Tip t where t.operation.reference = :reference order by t.receivedAt, t.id""")
  List<ReceivedTip> receipts(String reference);

  /** Marks the operation's tips acknowledged (those not yet), without loading their payloads. */
  @Modifying(flushAutomatically = true)
  @Query("""
      update Tip t set t.acknowledgedAt = :now
      where t.acknowledgedAt is null and t.operation.id in (select o.id from Operation o where o.reference = :reference)""")
  int acknowledge(String reference, Instant now);
}
