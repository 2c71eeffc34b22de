package org.takedown.security;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

  Optional<ApiKey> findByPrefix(String prefix);

  List<ApiKey> findAllByOrderByCreatedAtDesc();

  List<ApiKey> findByVendorOrderByCreatedAtDesc(String vendor);

  @org.springframework.data.jpa.repository.Query("select k.vendor, count(k) from ApiKey k where k.revokedAt is null group by k.vendor")
  List<Object[]> countActiveByVendor();
}
