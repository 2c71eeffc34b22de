package org.takedown.legal;

import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.operation.OperationService;

/**
 * Information requests to the vendor. Opened by the request step; closed from the legal-review model
 * when the vendor's answer arrives ({@code ${informationRequests.answered(execution)}}) or the deadline passes.
 */
@Component("informationRequests")
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
  public void answered(DelegateExecution execution) {
    Object answer = execution.getVariable("vendorInformation");
    openRequests(execution).forEach(r -> r.answer(answer == null ? "" : answer.toString(), clock.instant()));
    execution.setVariable("vendorInformationStatus", "ANSWERED");
  }

  @Transactional
  public void overdue(DelegateExecution execution) {
    openRequests(execution).forEach(r -> r.overdue(clock.instant()));
    execution.setVariable("vendorInformationStatus", "OVERDUE");
  }

  @Transactional(readOnly = true)
  public List<InformationRequest> list(String reference) {
    return requests.findByOperationReferenceOrderByRequestedAt(reference);
  }

  private List<InformationRequest> openRequests(DelegateExecution execution) {
    return requests.findByOperationReferenceAndStatus(execution.getProcessBusinessKey(), InformationRequest.Status.OPEN);
  }
}
