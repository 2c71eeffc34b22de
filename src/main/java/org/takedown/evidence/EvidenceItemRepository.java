package org.takedown.evidence;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.takedown.operation.Operation;

public interface EvidenceItemRepository extends JpaRepository<EvidenceItem, Long> {

  @Query("select i from EvidenceItem i where i.operation.reference = :reference order by i.number")
  List<EvidenceItem> findByOperation(String reference);

  @Query("select i from EvidenceItem i where i.operation.reference = :reference and i.number = :number")
  Optional<EvidenceItem> findItem(String reference, int number);

  @Query("select coalesce(max(i.number), 0) from EvidenceItem i where i.operation.reference = :reference")
  int lastNumber(String reference);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from Operation o where o.reference = :reference")
  Optional<Operation> lockOperation(String reference);

  /** [stored, item count, sum of sizes] for items in the store and items held elsewhere, for the metrics. */
  @Query("select i.stored, count(i), sum(i.sizeBytes) from EvidenceItem i group by i.stored")
  List<Object[]> sizesByStorage();
}
