package org.takedown.operation;

import org.takedown.system.Tlp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.takedown.assignment.AssignmentStatus;

public interface OperationRepository extends JpaRepository<Operation, Long> {

  Optional<Operation> findByReference(String reference);

  List<Operation> findAllByOrderByCreatedAtDesc();

  List<Operation> findByStageOrderByCreatedAtDesc(Stage stage);

  /** What a vendor or a unit may see: see {@link OperationAccess}. */
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
