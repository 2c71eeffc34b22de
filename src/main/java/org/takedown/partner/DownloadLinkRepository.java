package org.takedown.partner;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface DownloadLinkRepository extends JpaRepository<DownloadLink, Long> {

  Optional<DownloadLink> findByTokenHash(String tokenHash);

  boolean existsByProcessInstanceIdAndUsedAtIsNotNull(String processInstanceId);

  /** The newest link to a country's package (the unit's page: was it opened?). */
  Optional<DownloadLink> findFirstByOperationIdAndCountryOrderByCreatedAtDescIdDesc(Long operationId, String country);

  /** Claims the link for one download session; 0 when it was used, revoked or expired meanwhile, so it opens once. */
  @Modifying
  @Query("""
      update DownloadLink l set l.usedAt = :now, l.usedFrom = :from, l.sessionHash = :session, l.sessionExpiresAt = :sessionExpires
      where l.id = :id and l.usedAt is null and l.revokedAt is null and l.expiresAt > :now""")
  int claim(Long id, Instant now, String from, String session, Instant sessionExpires);

  /** Unused links to an instance's package stop working (a newer mail carries a new one). */
  @Modifying
  @Query("update DownloadLink l set l.revokedAt = :now where l.processInstanceId = :processInstanceId and l.usedAt is null and l.revokedAt is null")
  int revokeOpen(String processInstanceId, Instant now);

  @Modifying
  @Query("""
      update DownloadLink l set l.revokedAt = :now
      where l.operation.id = (select o.id from Operation o where o.reference = :reference) and l.usedAt is null and l.revokedAt is null""")
  int revokeAll(String reference, Instant now);
}
