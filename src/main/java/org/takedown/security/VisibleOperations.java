package org.takedown.security;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.system.Tlp;

/** What a vendor or a unit may see: see {@link OperationAccess}. Here, not in operation, because it reads the assignments too. */
interface VisibleOperations extends Repository<Operation, Long> {

  @Query("""
      select o from Operation o
      where (:stage is null or o.stage = :stage)
        and (o.vendor = :user
          or o.tlp in :community
          or (o.tlp in :organisation and exists (
                select a from CountryAssignment a
                where a.operation = o and a.country in :countries and a.status not in :notAsked)))
      order by o.createdAt desc""")
  List<Operation> visibleTo(String user, Collection<Tlp> community, Collection<Tlp> organisation,
      Collection<String> countries, Collection<AssignmentStatus> notAsked, Stage stage);
}
