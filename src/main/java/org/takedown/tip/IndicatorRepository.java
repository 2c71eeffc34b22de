package org.takedown.tip;

import java.util.List;
import java.util.stream.Stream;
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

  /** The tracker's rows, streamed (an operation may have very many): read inside a transaction, and close the stream. */
  @Query("""
      select new org.takedown.tip.IndicatorRow(i.type, i.value, i.normalizedValue, t.receivedAt)
      from Indicator i join i.tip t where i.operation.reference = :reference order by i.id""")
  Stream<IndicatorRow> trackerRows(String reference);
}
