package org.takedown.notice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The "Send …" steps of the models: deliver what the preceding step recorded. */
@Component("sendNotices")
class SendNoticesDelegate implements JavaDelegate {

  private final NoticeDelivery delivery;

  SendNoticesDelegate(NoticeDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public void execute(DelegateExecution execution) {
    delivery.deliverPending(execution.getProcessInstanceId());
  }
}
