package org.takedown.evidence;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The results deadline passed: the unit's results links stop working and the coordinators are told to decide. */
@Component("recordResultsEscalation")
class RecordResultsEscalationDelegate implements JavaDelegate {

  private final ApplicationEventPublisher events;

  RecordResultsEscalationDelegate(ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    events.publishEvent(new ResultsOverdue(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        (String) execution.getVariable(COUNTRY)));
  }
}
