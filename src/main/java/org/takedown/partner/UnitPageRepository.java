package org.takedown.partner;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface UnitPageRepository extends JpaRepository<UnitPage, String> {

  Optional<UnitPage> findByOperationIdAndCountryAndRecipient(Long operationId, String country, String recipient);

  /** Counted in a statement of its own, so that two views at once never collide on the row's state. */
  @Modifying
  @Query("update UnitPage p set p.views = p.views + 1, p.lastViewedAt = :now where p.nonce = :nonce")
  int viewed(String nonce, Instant now);
}
