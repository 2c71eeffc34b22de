package org.takedown.security;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

  Optional<ApiKey> findByPrefix(String prefix);

  List<ApiKey> findAllByOrderByCreatedAtDesc();
}
