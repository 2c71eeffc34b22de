package org.takedown.provider;

import static org.takedown.provider.PreservationClockProcess.COUNTRY;
import static org.takedown.provider.PreservationClockProcess.MSG_ENDED;
import static org.takedown.provider.PreservationClockProcess.MSG_RENEWED;
import static org.takedown.provider.PreservationClockProcess.PRESERVED_UNTIL;
import static org.takedown.provider.PreservationClockProcess.PROCESS;
import static org.takedown.provider.PreservationClockProcess.REQUEST_ID;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.takedown.operation.OperationWithdrawn;
import org.takedown.outcome.OperationClosed;

/**
 * Starts, restarts and ends the clock of each preservation request (bpmn/preservation-clock.bpmn): started when the
 * request is recorded as sent; a renewal moves it to the new date (a message); a mutual assistance request, a refusal,
 * and the operation's closure or withdrawal end it. In the transaction that recorded the step, so both are kept or
 * neither. A message that finds the clock busy in a step is not lost: the step reads the request again.
 */
@Component
class PreservationClocks {

  private final RuntimeService runtime;

  PreservationClocks(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @EventListener
  public void recorded(ProviderRequestRecorded event) {
    if (event.kind() != ProviderRequestKind.PRESERVATION) {
      return;
    }
    switch (event.step()) {
      case SENT -> runtime.startProcessInstanceByKey(PROCESS, event.reference(), Map.of(REQUEST_ID, event.requestId(), COUNTRY, event.country(),
          PRESERVED_UNTIL, Date.from(event.preservedUntil())));
      case FOLLOWED_UP -> {
        if (PreservationFollowUp.RENEWED.name().equals(event.value())) {
          runtime.createMessageCorrelation(MSG_RENEWED).processInstanceBusinessKey(event.reference())
              .processInstanceVariableEquals(REQUEST_ID, event.requestId()).setVariable(PRESERVED_UNTIL, Date.from(event.preservedUntil()))
              .correlateAll();
        } else if (PreservationFollowUp.MUTUAL_ASSISTANCE.name().equals(event.value())) {
          end(event.reference(), event.requestId());
        }
      }
      case ANSWERED -> {
        if (ProviderAnswer.REFUSED.name().equals(event.value())) {
          end(event.reference(), event.requestId());
        }
      }
    }
  }

  @EventListener
  public void withdrawn(OperationWithdrawn event) {
    end(event.reference(), null);
  }

  @EventListener
  public void closed(OperationClosed event) {
    end(event.reference(), null);
  }

  /** Ends one request's clock, or (requestId null) every clock of the operation. */
  private void end(String reference, Long requestId) {
    var correlation = runtime.createMessageCorrelation(MSG_ENDED).processInstanceBusinessKey(reference);
    if (requestId != null) {
      correlation = correlation.processInstanceVariableEquals(REQUEST_ID, requestId);
    }
    correlation.correlateAll();
  }
}
