package org.takedown.operation;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OperationRepository extends JpaRepository<Operation, Long> {

  Optional<Operation> findByReference(String reference);

  List<Operation> findAllByOrderByCreatedAtDesc();

  List<Operation> findByStageOrderByCreatedAtDesc(Stage stage);

  /** [stage, count] for each stage that has operations. */
  @Query("select o.stage, count(o) from Operation o group by o.stage")
  List<Object[]> countPerStage();
}
