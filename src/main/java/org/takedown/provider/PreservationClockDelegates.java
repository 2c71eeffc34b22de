package org.takedown.provider;

import static org.takedown.provider.PreservationClockProcess.CLOCK;
import static org.takedown.provider.PreservationClockProcess.ENDED;
import static org.takedown.provider.PreservationClockProcess.LAPSED;
import static org.takedown.provider.PreservationClockProcess.PRESERVED_UNTIL;
import static org.takedown.provider.PreservationClockProcess.RENEWED;
import static org.takedown.provider.PreservationClockProcess.REQUEST_ID;
import static org.takedown.provider.PreservationClockProcess.RUNNING;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of bpmn/preservation-clock.bpmn. Each first reads the request as it is now, because a renewal or an end
 * may have been recorded while the step waited as a job (when no message could reach the model): a request no longer
 * running ends the clock; one whose date moved starts the clock again at the new date.
 */
@Configuration
class PreservationClockDelegates {

  @Bean("recordPreservationReminder")
  JavaDelegate recordPreservationReminder(ProviderRequests requests, ApplicationEventPublisher events) {
    return execution -> {
      ProviderRequest request = now(execution, requests);
      if (request != null) {
        events.publishEvent(new PreservationRunningOut(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), request.getCountry(),
            request.getId(), request.getProviderKey(), request.getProviderName(), request.getIndicators(), request.getPreservedUntil()));
        execution.setVariable(CLOCK, RUNNING);
      }
    };
  }

  @Bean("recordPreservationLapse")
  JavaDelegate recordPreservationLapse(ProviderRequests requests, ApplicationEventPublisher events, Clock clock) {
    return execution -> {
      ProviderRequest request = now(execution, requests);
      if (request != null) {
        Instant until = request.getPreservedUntil();
        Instant on = until.isAfter(clock.instant()) ? clock.instant() : until;
        requests.recordFollowUp(execution.getProcessBusinessKey(), request.getCountry(), request.getId(), PreservationFollowUp.LAPSED, on,
            PreservationClockProcess.SYSTEM_ACTOR);
        events.publishEvent(new PreservationLapsed(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), request.getCountry(),
            request.getId(), request.getProviderKey(), request.getProviderName(), request.getIndicators(), until));
        execution.setVariable(CLOCK, LAPSED);
      }
    };
  }

  /** The request if its clock runs at the date the model waited for; otherwise null, with {@code clock} set to say why. */
  private static ProviderRequest now(DelegateExecution execution, ProviderRequests requests) {
    long id = ((Number) execution.getVariable(REQUEST_ID)).longValue();
    ProviderRequest request = requests.find(id).orElse(null);
    if (request == null || !request.preservationRunning() || request.getOperation().getStage().isFinal()) {
      execution.setVariable(CLOCK, ENDED);
      return null;
    }
    Date waited = (Date) execution.getVariable(PRESERVED_UNTIL);
    if (waited == null || !waited.toInstant().equals(request.getPreservedUntil().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))) {
      execution.setVariable(PRESERVED_UNTIL, Date.from(request.getPreservedUntil()));
      execution.setVariable(CLOCK, RENEWED);
      return null;
    }
    return request;
  }
}
