package org.takedown.dossier.statistics;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.CountryAssignment;

/** The countries of many operations in one statement: operation reference and country code pairs. */
interface OperationCountries extends Repository<CountryAssignment, Long> {

  @Query("select a.operation.reference, a.country from CountryAssignment a where a.operation.reference in :references and a.status <> :excluded")
  List<Object[]> of(Collection<String> references, AssignmentStatus excluded);
}
