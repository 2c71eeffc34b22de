package org.takedown.evidence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.evidence.CustodyVerification.Break;
import org.takedown.operation.Stage;
import org.takedown.system.Hashes;
import org.takedown.system.OncePerCluster;

/**
 * Every night (takedown.evidence.verify-cron), verifies the custody of every open operation that has evidence and
 * raises an incident on the operation's process instance for each break, once: an operator sees it in Cockpit.
 */
@Component
public class NightlyCustodyCheck {

  static final String INCIDENT_TYPE = "custodyBreak";
  static final String MAIN_PROCESS = "joint-takedown";
  private static final Logger log = LoggerFactory.getLogger(NightlyCustodyCheck.class);

  private final OpenOperationsWithEvidence operations;
  private final CustodyVerifier verifier;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final OncePerCluster once;

  NightlyCustodyCheck(OpenOperationsWithEvidence operations, CustodyVerifier verifier, RuntimeService runtime, HistoryService history,
      OncePerCluster once) {
    this.once = once;
    this.operations = operations;
    this.verifier = verifier;
    this.runtime = runtime;
    this.history = history;
  }

  public record Result(int operations, int breaks, int incidentsRaised) {}

  /** Every node schedules it; one node of a cluster runs it. */
  @Scheduled(cron = "${takedown.evidence.verify-cron:0 30 2 * * *}", zone = "UTC")
  public void nightly() {
    if (once.claim(INCIDENT_TYPE)) {
      run();
    } else {
      log.info("Custody check: another node runs this one");
    }
  }

  /** One run over all open operations; callable from a test. */
  public Result run() {
    List<String> references = operations.references(EnumSet.of(Stage.CLOSED, Stage.REJECTED, Stage.MERGED, Stage.WITHDRAWN));
    int breaks = 0;
    int raised = 0;
    for (String reference : references) {
      try {
        CustodyVerification verification = verifier.verify(reference);
        breaks += verification.breaks().size();
        raised += raise(reference, verification.breaks());
      } catch (RuntimeException e) {
        log.error("{}: custody could not be verified", reference, e);
      }
    }
    log.info("Custody verified for {} open operation(s): {} break(s), {} new incident(s)", references.size(), breaks, raised);
    return new Result(references.size(), breaks, raised);
  }

  private int raise(String reference, List<Break> breaks) {
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
      runtime.createIncident(INCIDENT_TYPE, instance.getId(), key, message(reference, b));
      raisedNow.add(key);
      log.error("{}: custody break raised as an incident: {}", reference, message(reference, b));
    }
    return raisedNow.size();
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
