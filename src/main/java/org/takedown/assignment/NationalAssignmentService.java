package org.takedown.assignment;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.operation.Operation;
import org.takedown.system.InvalidInputException;

/** The countries of an operation: which unit is asked, how it answered, and the handover to it. */
@Service
public class NationalAssignmentService {

  private static final Logger log = LoggerFactory.getLogger(NationalAssignmentService.class);

  private final CountryAssignmentRepository assignments;
  private final UnitAnswerRepository answers;
  private final NationalUnitDirectory directory;
  private final Clock clock;

  NationalAssignmentService(CountryAssignmentRepository assignments, UnitAnswerRepository answers, NationalUnitDirectory directory,
      Clock clock) {
    this.assignments = assignments;
    this.answers = answers;
    this.directory = directory;
    this.clock = clock;
  }

  @Transactional
  public void propose(Operation operation, Collection<String> countries) {
    for (String country : countries) {
      assignments.save(new CountryAssignment(operation, country, clock.instant()));
    }
  }

  /** Triage settles the list: countries left out are excluded (kept, for the record), new ones proposed. */
  @Transactional
  public void settleCountries(Operation operation, List<String> countries) {
    Set<String> wanted = new HashSet<>(countries);
    Set<String> known = new HashSet<>();
    for (CountryAssignment assignment : assignments.findByOperationReferenceOrderByCountry(operation.getReference())) {
      known.add(assignment.getCountry());
      if (wanted.contains(assignment.getCountry())) {
        assignment.propose(clock.instant());
      } else {
        assignment.exclude(clock.instant());
      }
    }
    countries.stream().filter(c -> !known.contains(c)).forEach(c -> assignments.save(new CountryAssignment(operation, c, clock.instant())));
  }

  @Transactional(readOnly = true)
  public List<CountryAssignment> list(String reference) {
    return assignments.findByOperationReferenceOrderByCountry(reference);
  }

  @Transactional(readOnly = true)
  public List<String> countries(String reference, AssignmentStatus status) {
    return assignments.findByOperationReferenceAndStatusOrderByCountry(reference, status).stream()
        .map(CountryAssignment::getCountry).toList();
  }

  /** Whether the directory lists a unit for the country now (it is read again when it changes). */
  public boolean hasUnit(String country) {
    return directory.find(country).isPresent();
  }

  /** Asks the country's primary unit from the directory. */
  @Transactional
  public Asked request(String reference, String country) {
    NationalUnitDirectory.Entry entry = entry(country);
    CountryAssignment assignment = get(reference, country);
    assignment.request(entry.unit(), false, clock.instant());
    return new Asked(entry.unit(), entry.alternate());
  }

  /**
   * The unit a reassignment would ask: the country's other unit, unless it has declined this operation already
   * (asking it again would only send the country back to a unit that said no). Empty when no unit is left.
   */
  @Transactional(readOnly = true)
  public Optional<NationalUnit> reassignable(String reference, String country) {
    NationalUnitDirectory.Entry entry = directory.find(country).orElse(null);
    if (entry == null) {
      return Optional.empty();
    }
    String current = get(reference, country).getNationalUnit();
    List<String> declined = answers.declinedUnits(reference, country);
    return Stream.concat(Stream.of(entry.unit()), Stream.ofNullable(entry.alternate()))
        .filter(u -> !u.name().equals(current) && !declined.contains(u.name()))
        .findFirst();
  }

  /** Asks the other unit of the country (the alternate after the primary, and back), never one that declined. */
  @Transactional
  public Asked reassign(String reference, String country) {
    NationalUnitDirectory.Entry entry = entry(country);
    CountryAssignment assignment = get(reference, country);
    NationalUnit unit = reassignable(reference, country).orElseThrow(() -> new IllegalStateException(
        reference + " " + country + ": every unit of the country has declined; the country can only be dropped"));
    boolean alternate = unit.equals(entry.alternate());
    NationalUnit other = alternate ? entry.unit() : entry.alternate();
    log.info("{} {}: reassigned from {} to {}", reference, country, assignment.getNationalUnit(), unit.name());
    assignment.request(unit, alternate, clock.instant());
    return new Asked(unit, other);
  }

  @Transactional
  public void recordResponse(String reference, String country, boolean accepted, String responder, String note) {
    CountryAssignment assignment = get(reference, country);
    assignment.answer(accepted, responder, note, clock.instant());
    answers.save(new UnitAnswer(assignment));
  }

  @Transactional
  public void markOverdue(String reference, String country) {
    get(reference, country).markOverdue(clock.instant());
  }

  @Transactional
  public void drop(String reference, String country) {
    get(reference, country).drop(clock.instant());
  }

  @Transactional
  public CountryAssignment remind(String reference, String country) {
    CountryAssignment assignment = get(reference, country);
    assignment.remind(clock.instant());
    return assignment;
  }

  @Transactional
  public void handover(String reference, String country, HandoverStatus status) {
    get(reference, country).handover(status, clock.instant());
  }

  @Transactional
  public void handOver(String reference, String country, List<String> items) {
    get(reference, country).handOver(items, clock.instant());
  }

  /** Records the unit's answer; a confirmation with a mismatching hash leaves the status to the quarantine step. */
  @Transactional
  public void receipt(String reference, String country, boolean received, Map<String, String> reportedSha256, boolean hashesMatch) {
    get(reference, country).receipt(received, reportedSha256, hashesMatch, clock.instant());
  }

  /** Checks outcomes per country: every country named must be one the operation accepted. */
  @Transactional(readOnly = true)
  public void checkOutcomes(String reference, Map<String, String> outcomes) {
    accepted(reference, outcomes);
  }

  @Transactional
  public void recordOutcomes(String reference, Map<String, String> outcomes) {
    accepted(reference, outcomes).forEach((assignment, result) -> assignment.recordOutcome(result, clock.instant()));
  }

  private Map<CountryAssignment, String> accepted(String reference, Map<String, String> outcomes) {
    Map<String, CountryAssignment> byCountry = new HashMap<>();
    assignments.findByOperationReferenceOrderByCountry(reference).forEach(a -> byCountry.put(a.getCountry(), a));
    Map<CountryAssignment, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, String> outcome : outcomes.entrySet()) {
      CountryAssignment assignment = byCountry.get(outcome.getKey().toUpperCase(Locale.ROOT));
      if (assignment == null || assignment.getStatus() != AssignmentStatus.ACCEPTED) {
        throw new InvalidInputException("outcomes", "'" + outcome.getKey() + "' is not a country that accepted this operation");
      }
      result.put(assignment, outcome.getValue());
    }
    return result;
  }

  public CountryAssignment get(String reference, String country) {
    return assignments.findByOperationReferenceAndCountry(reference, country)
        .orElseThrow(() -> new IllegalStateException("Operation " + reference + " has no country " + country));
  }

  private NationalUnitDirectory.Entry entry(String country) {
    // Callers check hasUnit first; a unit removed in between fails the step, which retries.
    return directory.find(country).orElseThrow(() -> new IllegalStateException(
        "No national unit for " + country + " in " + directory.describeLocation() + "; add it there and retry this step"));
  }

  public record Asked(NationalUnit unit, NationalUnit other) {}
}
