package org.takedown.provider;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.system.ConflictException;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;

/**
 * The legal requests of a unit to providers: drafted at acceptance, one per provider and kind, then what the unit
 * recorded of each: when it sent it, what the provider answered, and how a preservation went on. Every step is kept
 * (provider_request_step); the row holds the current state.
 */
@Service
public class ProviderRequests {

  private final ProviderRequestRepository requests;
  private final OperationService operations;
  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ProviderRequests(ProviderRequestRepository requests, OperationService operations, JdbcTemplate jdbc, ApplicationEventPublisher events,
      Clock clock) {
    this.requests = requests;
    this.operations = operations;
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /** The indicators one provider is asked about, by their ids, and the provider as the unit reads it. */
  public record Group(String providerKey, String providerName, List<Long> indicatorIds) {}

  /** Writes a country's drafts, a preservation and a takedown request per provider; none if it has them already. */
  @Transactional
  public List<ProviderRequest> draft(String reference, String country, List<Group> groups) {
    if (requests.existsByOperationReferenceAndCountry(reference, country)) {
      return requests.forCountry(reference, country);
    }
    Operation operation = operations.get(reference);
    Instant now = clock.instant();
    for (Group group : groups) {
      for (ProviderRequestKind kind : ProviderRequestKind.values()) {
        ProviderRequest request = requests.save(new ProviderRequest(operation, country, kind, group.providerKey(), group.providerName(),
            group.indicatorIds().size(), now));
        jdbc.batchUpdate("insert into provider_request_indicator (request_id, indicator_id) values (?, ?)", group.indicatorIds(), 1000,
            (statement, indicatorId) -> {
              statement.setLong(1, request.getId());
              statement.setLong(2, indicatorId);
            });
      }
    }
    return requests.forCountry(reference, country);
  }

  /** One request by its id. */
  @Transactional(readOnly = true)
  public java.util.Optional<ProviderRequest> find(long requestId) {
    return requests.findById(requestId);
  }

  @Transactional(readOnly = true)
  public List<ProviderRequest> forCountry(String reference, String country) {
    return requests.forCountry(reference, country);
  }

  @Transactional(readOnly = true)
  public List<ProviderRequest> forOperation(String reference) {
    return requests.forOperation(reference);
  }

  /** The ids of the indicators a request asks about. */
  @Transactional(readOnly = true)
  public List<Long> indicatorIds(long requestId) {
    return jdbc.queryForList("select indicator_id from provider_request_indicator where request_id = ? order by indicator_id", Long.class,
        requestId);
  }

  /** The unit sent the request on that day (not in the future, not before it was drafted). */
  @Transactional
  public ProviderRequest recordSent(String reference, String country, long requestId, Instant on, String by) {
    ProviderRequest request = own(reference, country, requestId);
    if (request.getSentAt() != null) {
      throw new ConflictException("This request was recorded as sent already, on " + request.getSentAt() + ".");
    }
    check(on, request.getDraftedAt());
    request.sent(on);
    return recorded(request, ProviderRequestRecorded.Step.SENT, null, on, by, null);
  }

  /** What the provider answered; the request must have been sent. An answer may be corrected: every answer is kept. */
  @Transactional
  public ProviderRequest recordAnswer(String reference, String country, long requestId, ProviderAnswer answer, Instant on, String by,
      String note) {
    ProviderRequest request = own(reference, country, requestId);
    if (request.getSentAt() == null) {
      throw new ConflictException("Record first when the request was sent; then what the provider answered.");
    }
    check(on, request.getSentAt());
    request.answered(answer, on);
    return recorded(request, ProviderRequestRecorded.Step.ANSWERED, answer.name(), on, by, note);
  }

  /** A preservation renewed, followed by a mutual assistance request, or (from its clock) lapsed. */
  @Transactional
  public ProviderRequest recordFollowUp(String reference, String country, long requestId, PreservationFollowUp followUp, Instant on,
      String by) {
    ProviderRequest request = own(reference, country, requestId);
    if (!request.preservationRunning()) {
      throw new ConflictException(request.getKind() == ProviderRequestKind.PRESERVATION
          ? "This preservation is not running: it was not sent, was refused, or has ended."
          : "Only a preservation request is renewed or followed by a mutual assistance request.");
    }
    check(on, request.getSentAt());
    request.followedUp(followUp, on);
    return recorded(request, ProviderRequestRecorded.Step.FOLLOWED_UP, followUp.name(), on, by, null);
  }

  private ProviderRequest own(String reference, String country, long requestId) {
    ProviderRequest request = requests.lock(requestId)
        .filter(r -> r.getOperation().getReference().equals(reference) && r.getCountry().equals(country))
        .orElseThrow(() -> new NotFoundException("There is no such request of " + country + " in " + reference + "."));
    if (request.getOperation().getStage().isFinal()) {
      throw new ConflictException(reference + " is " + request.getOperation().getStage().name().toLowerCase() + ": nothing more is recorded on it.");
    }
    return request;
  }

  private void check(Instant on, Instant notBefore) {
    Instant now = clock.instant();
    if (on.isAfter(now)) {
      throw new InvalidInputException("date", "The date is in the future.");
    }
    if (on.isBefore(notBefore.truncatedTo(java.time.temporal.ChronoUnit.DAYS))) {
      throw new InvalidInputException("date", "The date is before the step it follows (" + notBefore.truncatedTo(java.time.temporal.ChronoUnit.DAYS)
          .toString().substring(0, 10) + ").");
    }
  }

  private ProviderRequest recorded(ProviderRequest request, ProviderRequestRecorded.Step step, String value, Instant on, String by,
      String note) {
    requests.save(request);
    jdbc.update("insert into provider_request_step (request_id, step, step_value, happened_on, recorded_at, recorded_by, note) "
        + "values (?, ?, ?, ?, ?, ?, ?)", request.getId(), step.name(), value, java.sql.Timestamp.from(on),
        java.sql.Timestamp.from(clock.instant()), by, note);
    events.publishEvent(new ProviderRequestRecorded(request.getOperation().getReference(), request.getCountry(), request.getId(),
        request.getKind(), step, value, on, request.getPreservedUntil(), by));
    return request;
  }
}
