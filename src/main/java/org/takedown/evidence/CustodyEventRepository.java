package org.takedown.evidence;

import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Read and append only: custody entries have no update or delete path. */
public interface CustodyEventRepository extends Repository<CustodyEvent, Long> {

  CustodyEvent save(CustodyEvent entry);

  List<CustodyEvent> findByItemOrderBySeq(EvidenceItem item);

  @Query("select e from CustodyEvent e join fetch e.item i where i.operation.reference = :reference order by i.number, e.seq")
  List<CustodyEvent> findByOperation(String reference);

  /** The last entries of chains written before heads were signed. */
  @Query("select e from CustodyEvent e join fetch e.item i join fetch i.operation where e.seq = i.custodyLength and e.signature is null")
  List<CustodyEvent> unsignedHeads();
}
