package org.takedown.tip;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TipRepository extends JpaRepository<Tip, Long> {

  List<Tip> findByOperationReferenceOrderByReceivedAt(String reference);
}
