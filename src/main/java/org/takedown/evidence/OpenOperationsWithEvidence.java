package org.takedown.evidence;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.takedown.operation.Stage;

/** The operations the nightly custody check verifies: those with evidence, not closed, rejected, merged or withdrawn. */
interface OpenOperationsWithEvidence extends Repository<EvidenceItem, Long> {

  @Query("select distinct o.reference from EvidenceItem i join i.operation o where o.stage not in :closed order by o.reference")
  List<String> references(Collection<Stage> closed);
}
