package org.takedown.legal;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.context.event.EventListener;
import org.takedown.operation.OperationService;
import org.takedown.operation.OperationWithdrawn;

/**
 * Information requests to the vendor: opened by the request step, closed when the vendor's answer
 * arrives or the deadline passes, and when the vendor withdraws the tip.
 */
@Component
public class InformationRequests {

  private final InformationRequestRepository requests;
  private final OperationService operations;
  private final Clock clock;

  InformationRequests(InformationRequestRepository requests, OperationService operations, Clock clock) {
    this.requests = requests;
    this.operations = operations;
    this.clock = clock;
  }

  @Transactional
  public InformationRequest open(String reference, String question, String requestedBy) {
    return requests.save(new InformationRequest(operations.get(reference), question, requestedBy, clock.instant()));
  }

  @Transactional
  public void answered(String reference, String answer) {
    openRequests(reference).forEach(r -> r.answer(answer, clock.instant()));
  }

  @Transactional
  public void overdue(String reference) {
    openRequests(reference).forEach(r -> r.overdue(clock.instant()));
  }

  /** The tip was withdrawn: nothing is waiting for an answer any more. */
  @EventListener
  @Transactional
  public void withdrawn(OperationWithdrawn event) {
    openRequests(event.reference()).forEach(r -> r.withdrawn(clock.instant()));
  }

  @Transactional(readOnly = true)
  public List<InformationRequest> list(String reference) {
    return requests.findByOperationReferenceOrderByRequestedAt(reference);
  }

  private List<InformationRequest> openRequests(String reference) {
    return requests.findByOperationReferenceAndStatus(reference, InformationRequest.Status.OPEN);
  }
}
