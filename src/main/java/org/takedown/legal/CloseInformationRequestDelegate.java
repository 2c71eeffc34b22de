package org.takedown.legal;

import static org.takedown.legal.LegalReviewProcess.VENDOR_INFORMATION;
import static org.takedown.legal.LegalReviewProcess.VENDOR_INFORMATION_STATUS;

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
    Object answer = execution.getVariable(VENDOR_INFORMATION);
    String reference = execution.getProcessBusinessKey();
    if (answer == null) {
      requests.overdue(reference);
      execution.setVariable(VENDOR_INFORMATION_STATUS, "OVERDUE");
    } else {
      requests.answered(reference, answer.toString());
      execution.setVariable(VENDOR_INFORMATION_STATUS, "ANSWERED");
    }
  }
}
