package org.takedown.legal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface InformationRequestRepository extends JpaRepository<InformationRequest, Long> {

  List<InformationRequest> findByOperationReferenceOrderByRequestedAt(String reference);

  List<InformationRequest> findByOperationReferenceAndStatus(String reference, InformationRequest.Status status);
}
