package org.takedown.legal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.notice.Notices;

@Component("requestVendorInformation")
class RequestVendorInformationDelegate implements JavaDelegate {

  private final InformationRequests requests;
  private final Notices notices;

  RequestVendorInformationDelegate(InformationRequests requests, Notices notices) {
    this.requests = requests;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    requests.open(execution.getProcessBusinessKey(), (String) execution.getVariable("infoRequest"), (String) execution.getVariable("legalApprover"));
    execution.setVariable("vendorInformationStatus", "REQUESTED");
    // The answer to this request arrives as vendorInformation; an earlier round's answer must not count.
    execution.setVariable("vendorInformation", null);
    notices.informationRequest(execution);
  }
}
