package org.takedown.legal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The vendor answered, or the deadline passed: the open request is closed either way and the review goes on. */
@Component("closeInformationRequest")
class CloseInformationRequestDelegate implements JavaDelegate {

  private final InformationRequests requests;

  CloseInformationRequestDelegate(InformationRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object answer = execution.getVariable("vendorInformation");
    String reference = execution.getProcessBusinessKey();
    if (answer == null) {
      requests.overdue(reference);
      execution.setVariable("vendorInformationStatus", "OVERDUE");
    } else {
      requests.answered(reference, answer.toString());
      execution.setVariable("vendorInformationStatus", "ANSWERED");
    }
  }
}
