package org.takedown.evidence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.takedown.evidence.CustodyVerification.Break;
import org.takedown.system.Hashes;

/**
 * Raises each custody break as an incident of type custodyBreak on the operation's process instance (an operator sees
 * it in Cockpit and in the incident figures), once: the same break found again is not raised again.
 */
@Component
class CustodyIncidents {

  static final String INCIDENT_TYPE = "custodyBreak";
  static final String MAIN_PROCESS = "joint-takedown";
  private static final Logger log = LoggerFactory.getLogger(CustodyIncidents.class);

  private final RuntimeService runtime;
  private final HistoryService history;

  CustodyIncidents(RuntimeService runtime, HistoryService history) {
    this.runtime = runtime;
    this.history = history;
  }

  /** The number of incidents raised now (breaks raised before are not counted). */
  int raise(String reference, List<Break> breaks) {
    if (breaks.isEmpty()) {
      return 0;
    }
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(MAIN_PROCESS).active().list().stream().findFirst().orElse(null);
    if (instance == null) {
      log.error("{}: custody is broken ({} break(s)), and there is no running process instance to raise an incident on: {}",
          reference, breaks.size(), breaks);
      return 0;
    }
    List<String> raisedNow = new ArrayList<>();
    for (Break b : breaks) {
      String key = key(b);
      boolean known = raisedNow.contains(key) || history.createHistoricIncidentQuery().processInstanceId(instance.getId())
          .incidentType(INCIDENT_TYPE).configuration(key).count() > 0;
      if (known) {
        continue;
      }
      runtime.createIncident(INCIDENT_TYPE, executionAtAnActivity(instance), key, message(reference, b));
      raisedNow.add(key);
      log.error("{}: custody break raised as an incident: {}", reference, message(reference, b));
    }
    return raisedNow.size();
  }

  /**
   * An incident needs an execution at an activity: the instance itself while it waits in a task of its own (triage), one
   * of its children while it waits in a call activity per country (national assignment, evidence handover).
   */
  private String executionAtAnActivity(ProcessInstance instance) {
    return runtime.createExecutionQuery().processInstanceId(instance.getId()).active().list().stream()
        .filter(e -> e instanceof org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity x && x.getActivityId() != null)
        .map(org.camunda.bpm.engine.runtime.Execution::getId).sorted().findFirst().orElse(instance.getId());
  }

  /** The same break found again the next night has the same key, so it is raised once. */
  static String key(Break b) {
    String entry = b.entry() == null ? "-" : b.entry().toString();
    return b.item() + "/" + entry + "/" + Hashes.sha256((b.problem() + "\n" + b.expected() + "\n" + b.found())
        .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  static String message(String reference, Break b) {
    String text = "Custody of " + reference + " broken at item " + b.item() + (b.entry() == null ? "" : ", entry " + b.entry())
        + ": " + b.problem() + " Expected " + b.expected() + ", found " + b.found() + ".";
    // The engine keeps at most 4000 characters of an incident message.
    return text.length() > 3900 ? text.substring(0, 3900) + "…" : text;
  }
}
