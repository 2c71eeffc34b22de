package org.takedown.legal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("requestVendorInformation")
class RequestVendorInformationDelegate implements JavaDelegate {

  private final InformationRequests requests;

  RequestVendorInformationDelegate(InformationRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    requests.open(execution.getProcessBusinessKey(), (String) execution.getVariable("infoRequest"), (String) execution.getVariable("legalApprover"));
    execution.setVariable("vendorInformationStatus", "REQUESTED");
  }
}
