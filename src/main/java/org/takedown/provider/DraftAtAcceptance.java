package org.takedown.provider;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.takedown.assignment.AssignmentAnswered;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.routing.IpAsnTable;
import org.takedown.tip.OperationIndicators;

/**
 * When a unit accepts, its requests to providers are drafted: the indicators routed to its country, grouped by provider
 * ({@link ProviderGroups}), a preservation and a takedown request per provider. In the step that records the answer and
 * in its transaction (a synchronous listener), so that the acceptance and the drafts are stored together or not at all;
 * when the engine retries that step, {@link ProviderRequests#draft} finds the drafts made and makes none again.
 */
@Component
class DraftAtAcceptance {

  private static final Logger log = LoggerFactory.getLogger(DraftAtAcceptance.class);

  private final OperationIndicators indicators;
  private final OperationService operations;
  private final IpAsnTable asns;
  private final ProviderRequests requests;

  DraftAtAcceptance(OperationIndicators indicators, OperationService operations, IpAsnTable asns, ProviderRequests requests) {
    this.indicators = indicators;
    this.operations = operations;
    this.asns = asns;
    this.requests = requests;
  }

  @EventListener
  public void answered(AssignmentAnswered event) {
    if (event.accepted()) {
      draft(event.reference(), event.country());
    }
  }

  List<ProviderRequest> draft(String reference, String country) {
    if (!requests.forCountry(reference, country).isEmpty()) {
      return requests.forCountry(reference, country);
    }
    Operation operation = operations.get(reference);
    List<ProviderRequests.Group> groups = ProviderGroups.of(indicators.routed(operation, country), asns::asn, asns::system);
    List<ProviderRequest> drafted = requests.draft(reference, country, groups);
    log.info("{}: {} requests to {} providers drafted for {}", reference, drafted.size(), groups.size(), country);
    return drafted;
  }
}
