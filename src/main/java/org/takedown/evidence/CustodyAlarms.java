package org.takedown.evidence;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.evidence.CustodyVerification.Break;

/**
 * A download found a stored file altered: logged as an error and raised as a custodyBreak incident on the operation,
 * the same incident the nightly check raises for it (so it is raised once, whoever finds it first).
 */
@Component
public class CustodyAlarms {

  private static final Logger log = LoggerFactory.getLogger(CustodyAlarms.class);

  private final CustodyIncidents incidents;
  private final EvidenceItemRepository items;

  CustodyAlarms(CustodyIncidents incidents, EvidenceItemRepository items) {
    this.incidents = incidents;
    this.items = items;
  }

  /** {@code download}: whose download, how ("API download by cora"). Never throws: the caller still has to cut the transfer. */
  @Transactional(readOnly = true)
  public void storedFileAltered(EvidenceItem given, EvidenceStore.AlteredFile altered, String download) {
    // Read again here: a download link's page holds the item detached, its operation not loaded.
    EvidenceItem item = items.findById(given.getId()).orElse(given);
    String reference = item.getOperationReference();
    log.error("{}: {} stopped: the stored file of {} does not match its registered SHA-256 {} (found {}); the transfer was cut off",
        reference, download, item.label(), item.getSha256(), altered.found());
    try {
      incidents.raise(reference, List.of(CustodyVerifier.altered(item, altered.found())));
    } catch (RuntimeException e) {
      log.error("{}: the incident for the altered file of {} could not be raised", reference, item.label(), e);
    }
  }
}
