package org.takedown.legal;

import static org.takedown.legal.LegalReviewProcess.DATA_PROTECTION_CHECK;
import static org.takedown.legal.LegalReviewProcess.LEGAL_APPROVER;
import static org.takedown.legal.LegalReviewProcess.MLAT_REQUIRED;
import static org.takedown.legal.LegalReviewProcess.REVIEW_LEVEL;
import static org.takedown.legal.LegalReviewProcess.VENDOR_INFORMATION_STATUS;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The "Announce …" steps before the legal tasks: the legal officers are told a review waits for them. */
@Component("announceLegalReview")
class AnnounceLegalReviewDelegate implements JavaDelegate {

  private final ApplicationEventPublisher events;

  AnnounceLegalReviewDelegate(ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean second = LegalReviewProcess.TASK_ANNOUNCE_SECOND_APPROVAL.equals(execution.getCurrentActivityId());
    Object information = execution.getVariable(VENDOR_INFORMATION_STATUS);
    events.publishEvent(new LegalReviewWaiting(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), second,
        second ? Objects.toString(execution.getVariable(LEGAL_APPROVER), null) : null,
        Objects.toString(execution.getVariable(REVIEW_LEVEL), null), execution.getVariable(MLAT_REQUIRED),
        execution.getVariable(DATA_PROTECTION_CHECK),
        second || "REQUESTED".equals(information) ? null : Objects.toString(information, null)));
  }
}
