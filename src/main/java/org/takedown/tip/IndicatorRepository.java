package org.takedown.tip;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface IndicatorRepository extends JpaRepository<Indicator, Long> {

  List<Indicator> findByOperationReferenceOrderById(String reference);

  long countByOperationReference(String reference);

  /** Other operations that share an indicator with this one, by normalised type and value. */
  @Query("""
      select distinct other.operation.reference from Indicator mine, Indicator other
      where mine.operation.reference = :reference
        and other.operation.reference <> :reference
        and other.type = mine.type and other.normalizedValue = mine.normalizedValue
      order by other.operation.reference""")
  List<String> correlatedOperations(String reference);
}
