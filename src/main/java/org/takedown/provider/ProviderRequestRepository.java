package org.takedown.provider;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ProviderRequestRepository extends Repository<ProviderRequest, Long> {

  ProviderRequest save(ProviderRequest request);

  Optional<ProviderRequest> findById(Long id);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select r from ProviderRequest r where r.id = :id")
  Optional<ProviderRequest> lock(Long id);

  @Query("select r from ProviderRequest r where r.operation.reference = :reference and r.country = :country order by r.kind, r.providerName, r.id")
  List<ProviderRequest> forCountry(String reference, String country);

  @Query("select r from ProviderRequest r where r.operation.reference = :reference order by r.country, r.kind, r.providerName, r.id")
  List<ProviderRequest> forOperation(String reference);

  boolean existsByOperationReferenceAndCountry(String reference, String country);
}
