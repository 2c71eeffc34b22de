package org.takedown.evidence;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Asks the unit for its results: announced as {@link ResultsRequested}, so that the request mail (with its results link) is
 * recorded in this step's transaction and sent by the next one. Also the path back after the coordinators chose to wait.
 */
@Component("requestResults")
class RequestResultsDelegate implements JavaDelegate {

  private final ApplicationEventPublisher events;

  RequestResultsDelegate(ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    events.publishEvent(ResultsRequested.of(execution, false));
  }
}
