package org.takedown.security;

import org.takedown.system.Tlp;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.CountryAssignmentRepository;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.operation.Stage;
import org.takedown.system.Caller;
import org.takedown.system.ForbiddenException;
import org.takedown.system.NotFoundException;

/**
 * TLP 2.0 on reads, enforced here for every operation endpoint:
 * TLP:RED for fusion-centre staff and the submitting vendor; AMBER and AMBER+STRICT also for the
 * national units asked to act on it; GREEN and CLEAR for every signed-in user. Anyone else learns
 * nothing, not even that the operation exists.
 */
@Component
public class OperationAccess {

  static final Set<Tlp> COMMUNITY = Set.of(Tlp.GREEN, Tlp.CLEAR);
  static final Set<Tlp> ORGANISATION = Set.of(Tlp.AMBER, Tlp.AMBER_STRICT);
  /** Countries proposed at intake or excluded at triage were never asked, so their units see nothing. */
  static final Set<AssignmentStatus> NOT_ASKED = Set.of(AssignmentStatus.PROPOSED, AssignmentStatus.EXCLUDED);

  private final OperationService operations;
  private final VisibleOperations repository;
  private final CountryAssignmentRepository assignments;

  OperationAccess(OperationService operations, VisibleOperations repository, CountryAssignmentRepository assignments) {
    this.operations = operations;
    this.repository = repository;
    this.assignments = assignments;
  }

  /** The operation if the caller may read it; otherwise the same 404 as for an unknown reference. */
  @Transactional(readOnly = true)
  public Operation readable(Caller caller, String reference) {
    Operation operation;
    try {
      operation = operations.get(reference);
    } catch (NotFoundException e) {
      throw notFound(reference);
    }
    if (!mayRead(caller, operation)) {
      throw notFound(reference);
    }
    return operation;
  }

  /** The operation if the caller submitted it (or coordinates); 404 if unreadable, 403 if only readable. */
  @Transactional(readOnly = true)
  public Operation ownedBy(Caller caller, String reference, String action) {
    Operation operation = readable(caller, reference);
    if (!caller.isCoordinator() && !operation.getVendor().equals(caller.user())) {
      throw new ForbiddenException("Only the vendor who submitted " + reference + " may " + action + ".");
    }
    return operation;
  }

  @Transactional(readOnly = true)
  public List<Operation> list(Caller caller, Stage stage) {
    if (caller.isStaff()) {
      return operations.list(stage);
    }
    List<String> countries = caller.unitCountries().isEmpty() ? List.of("--") : caller.unitCountries();
    return repository.visibleTo(caller.user(), COMMUNITY, ORGANISATION, countries, NOT_ASKED, stage);
  }

  public boolean mayRead(Caller caller, Operation operation) {
    if (caller.isStaff() || operation.getVendor().equals(caller.user()) || COMMUNITY.contains(operation.getTlp())) {
      return true;
    }
    if (!ORGANISATION.contains(operation.getTlp()) || caller.unitCountries().isEmpty()) {
      return false;
    }
    return assignments.findByOperationReferenceOrderByCountry(operation.getReference()).stream()
        .anyMatch(a -> caller.unitCountries().contains(a.getCountry()) && !NOT_ASKED.contains(a.getStatus()));
  }

  private static NotFoundException notFound(String reference) {
    return new NotFoundException("No operation " + reference);
  }
}
