package org.takedown.tip;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface IndicatorRepository extends JpaRepository<Indicator, Long> {

  List<Indicator> findByOperationReferenceOrderById(String reference);

  long countByOperationReference(String reference);

  /**
   * The open operations sharing indicators with this one, most shared first: per indicator of this
   * operation one lookup in ix_indicator_lookup (normalized_value, type), whatever the number of
   * operations. Ended stages (Stage.isFinal: CLOSED, REJECTED, MERGED, JOINED, WITHDRAWN) are left out.
   */
  String SHARED_WITH_OPEN_OPERATIONS = """
      select o.reference, count(distinct mine.id) as shared
      from operation me
      join indicator mine on mine.operation_id = me.id
      join indicator other on other.normalized_value = mine.normalized_value and other.type = mine.type
      join operation o on o.id = other.operation_id
      where me.reference = :reference and o.id <> me.id and o.stage not in ('CLOSED', 'REJECTED', 'MERGED', 'JOINED', 'WITHDRAWN')
      group by o.reference
      order by shared desc, o.reference""";

  /** Rows of reference and the number of this operation's indicators it shares (see {@link #SHARED_WITH_OPEN_OPERATIONS}). */
  @Query(value = SHARED_WITH_OPEN_OPERATIONS, nativeQuery = true)
  List<Object[]> sharedWithOpenOperations(String reference);

  /** The tracker's rows, streamed (an operation may have very many): read inside a transaction, and close the stream. */
  @Query("""
      select new org.takedown.tip.IndicatorRow(i.type, i.value, i.normalizedValue, t.receivedAt)
      from Indicator i join i.tip t where i.operation.reference = :reference order by i.id""")
  Stream<IndicatorRow> trackerRows(String reference);
}
