package org.takedown.legal;

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
    requests.open(execution.getProcessBusinessKey(), (String) execution.getVariable("infoRequest"), (String) execution.getVariable("legalApprover"));
    execution.setVariable("vendorInformationStatus", "REQUESTED");
    // The answer to this request arrives as vendorInformation; an earlier round's answer must not count.
    execution.setVariable("vendorInformation", null);
    events.publishEvent(new InformationRequested(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        (String) execution.getVariable("infoRequest")));
  }
}
