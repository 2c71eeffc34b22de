package org.takedown.evidence;

import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.operation.Stage;
import org.takedown.system.OncePerCluster;

/**
 * Every night (takedown.evidence.verify-cron), verifies the custody of every open operation that has evidence and
 * raises an incident on the operation's process instance for each break, once: an operator sees it in Cockpit.
 */
@Component
public class NightlyCustodyCheck {

  static final String INCIDENT_TYPE = CustodyIncidents.INCIDENT_TYPE;
  private static final Logger log = LoggerFactory.getLogger(NightlyCustodyCheck.class);

  private final OpenOperationsWithEvidence operations;
  private final CustodyVerifier verifier;
  private final CustodyIncidents incidents;
  private final OncePerCluster once;

  NightlyCustodyCheck(OpenOperationsWithEvidence operations, CustodyVerifier verifier, CustodyIncidents incidents, OncePerCluster once) {
    this.once = once;
    this.operations = operations;
    this.verifier = verifier;
    this.incidents = incidents;
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
    List<String> references = operations.references(EnumSet.of(Stage.CLOSED, Stage.REJECTED, Stage.MERGED, Stage.JOINED, Stage.WITHDRAWN));
    int breaks = 0;
    int raised = 0;
    for (String reference : references) {
      try {
        CustodyVerification verification = verifier.verify(reference);
        breaks += verification.breaks().size();
        raised += incidents.raise(reference, verification.breaks());
      } catch (RuntimeException e) {
        log.error("{}: custody could not be verified", reference, e);
      }
    }
    log.info("Custody verified for {} open operation(s): {} break(s), {} new incident(s)", references.size(), breaks, raised);
    return new Result(references.size(), breaks, raised);
  }
}
