package org.takedown.tip;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface IntakeWarningRepository extends JpaRepository<IntakeWarningEntry, Long> {

  List<IntakeWarningEntry> findByOperationReferenceOrderById(String reference);
}
