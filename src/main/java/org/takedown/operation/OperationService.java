package org.takedown.operation;

import org.takedown.system.Pap;
import org.takedown.system.Tlp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.takedown.organisation.VendorOrganisations;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.system.NotFoundException;

@Service
public class OperationService {

  private static final Logger log = LoggerFactory.getLogger(OperationService.class);

  private final OperationRepository operations;
  private final VendorOrganisations organisations;
  private final ReferenceNumbers references;
  private final Clock clock;

  OperationService(OperationRepository operations, ReferenceNumbers references, VendorOrganisations organisations, Clock clock) {
    this.operations = operations;
    this.organisations = organisations;
    this.references = references;
    this.clock = clock;
  }

  @Transactional
  public Operation open(String title, String summary, Tlp tlp, Pap pap, String vendor) {
    return open(title, summary, tlp, pap, vendor, false);
  }

  /** @param attribution whether the vendor may be named in the documents sent to national units */
  @Transactional
  public Operation open(String title, String summary, Tlp tlp, Pap pap, String vendor, boolean attribution) {
    return open(title, summary, tlp, pap, vendor, attribution, false);
  }

  /** @param namedToCoReporters whether the vendor agrees to be named to other vendors co-reporting the same infrastructure */
  @Transactional
  public Operation open(String title, String summary, Tlp tlp, Pap pap, String vendor, boolean attribution, boolean namedToCoReporters) {
    Instant now = clock.instant();
    int year = now.atZone(ZoneOffset.UTC).getYear();
    String reference = "OP-%d-%04d".formatted(year, references.next(year));
    Operation operation = new Operation(reference, title, summary, tlp, pap, vendor, now);
    operation.attribution = attribution;
    // Read with the operation from then on (a formula); a new one is named at once, for what its own transaction sends.
    operation.vendorName = organisations.displayName(vendor);
    operation.namedToCoReporters = namedToCoReporters;
    return operations.save(operation);
  }

  @Transactional(readOnly = true)
  public Operation get(String reference) {
    return operations.findByReference(reference)
        .orElseThrow(() -> new NotFoundException("No operation " + reference));
  }

  @Transactional(readOnly = true)
  public List<Operation> list(Stage stage) {
    return stage == null ? operations.findAllByOrderByCreatedAtDesc() : operations.findByStageOrderByCreatedAtDesc(stage);
  }

  @Transactional
  public void moveTo(String reference, Stage stage) {
    Operation operation = get(reference);
    if (operation.getStage() != stage) {
      log.info("{} moves from {} to {}", reference, operation.getStage(), stage);
      operation.moveTo(stage, clock.instant());
    }
  }

  @Transactional
  public void markMergedInto(String reference, String target) {
    get(reference).mergedInto(target, clock.instant());
  }

  @Transactional
  public void markJoinedTo(String reference, String target) {
    get(reference).joinedTo(target, clock.instant());
  }

  /** The legal decision's release TLP for national units; null keeps the operation's own. */
  @Transactional
  public void recordRelease(String reference, Tlp releaseTlp) {
    if (releaseTlp != null) {
      get(reference).release(releaseTlp, clock.instant());
    }
  }

  /** The operations with these ids, in the order given. */
  @Transactional(readOnly = true)
  public List<Operation> byIds(List<Long> ids) {
    java.util.Map<Long, Operation> found = new java.util.HashMap<>();
    operations.findAllById(ids).forEach(o -> found.put(o.getId(), o));
    return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
  }

  @Transactional
  public void recordOutcome(String reference, String summary) {
    get(reference).recordOutcome(summary, clock.instant());
  }
}
