package org.takedown.legal;

import static org.takedown.legal.LegalReviewProcess.INFO_REQUEST;
import static org.takedown.legal.LegalReviewProcess.LEGAL_APPROVER;
import static org.takedown.legal.LegalReviewProcess.VENDOR_INFORMATION;
import static org.takedown.legal.LegalReviewProcess.VENDOR_INFORMATION_STATUS;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

@Component("requestVendorInformation")
class RequestVendorInformationDelegate implements JavaDelegate {

  private final InformationRequests requests;
  private final ApplicationEventPublisher events;

  RequestVendorInformationDelegate(InformationRequests requests, ApplicationEventPublisher events) {
    this.requests = requests;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    requests.open(execution.getProcessBusinessKey(), (String) execution.getVariable(INFO_REQUEST), (String) execution.getVariable(LEGAL_APPROVER));
    execution.setVariable(VENDOR_INFORMATION_STATUS, "REQUESTED");
    // The answer to this request arrives as vendorInformation; an earlier round's answer must not count.
    execution.setVariable(VENDOR_INFORMATION, null);
    events.publishEvent(new InformationRequested(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        (String) execution.getVariable(INFO_REQUEST)));
  }
}
