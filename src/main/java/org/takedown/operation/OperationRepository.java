package org.takedown.operation;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OperationRepository extends JpaRepository<Operation, Long> {

  Optional<Operation> findByReference(String reference);

  List<Operation> findAllByOrderByCreatedAtDesc();

  List<Operation> findByStageOrderByCreatedAtDesc(Stage stage);
}
