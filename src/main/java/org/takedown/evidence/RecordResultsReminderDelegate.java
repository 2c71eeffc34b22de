package org.takedown.evidence;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The unit has not said its results are complete: a reminder, with a fresh results link. */
@Component("recordResultsReminder")
class RecordResultsReminderDelegate implements JavaDelegate {

  private final ApplicationEventPublisher events;

  RecordResultsReminderDelegate(ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    events.publishEvent(ResultsRequested.of(execution, true));
  }
}
