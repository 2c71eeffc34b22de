package org.takedown.provider;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultStatuses;

/**
 * A provider's answer to a takedown request feeds the results of its indicators: COMPLIED records each as taken down
 * ({@code takedown.providers.complied-status}, TAKEN_DOWN) or, for a domain, suspended
 * ({@code takedown.providers.complied-status-domain}, SUSPENDED); REFUSED records STILL_ACTIVE for those that have no
 * result yet (a unit's own report wins over a refusal). In the transaction that records the answer, through
 * {@link IndicatorResults#record} and so under its rules: from acceptance until closure; outside them the answer is
 * recorded and the results are not, with a line in the log.
 */
@Component
class AnswersToResults {

  private static final Logger log = LoggerFactory.getLogger(AnswersToResults.class);

  private final IndicatorResults results;
  private final ProviderRequests requests;
  private final JdbcTemplate jdbc;
  private final String complied;
  private final String compliedDomain;

  AnswersToResults(IndicatorResults results, ProviderRequests requests, JdbcTemplate jdbc, ResultStatuses statuses,
      @Value("${takedown.providers.complied-status:TAKEN_DOWN}") String complied,
      @Value("${takedown.providers.complied-status-domain:SUSPENDED}") String compliedDomain) {
    this.results = results;
    this.requests = requests;
    this.jdbc = jdbc;
    this.complied = known(statuses, "takedown.providers.complied-status", complied);
    this.compliedDomain = known(statuses, "takedown.providers.complied-status-domain", compliedDomain);
  }

  private static String known(ResultStatuses statuses, String setting, String code) {
    return statuses.find(code).map(ResultStatuses.Status::code).orElseThrow(() -> new IllegalStateException(setting + ": '" + code
        + "' is not a result status; use one of " + statuses.choices()));
  }

  @EventListener
  public void recorded(ProviderRequestRecorded event) {
    if (event.kind() != ProviderRequestKind.TAKEDOWN || event.step() != ProviderRequestRecorded.Step.ANSWERED) {
      return;
    }
    boolean compliedAnswer = ProviderAnswer.COMPLIED.name().equals(event.value());
    if (!compliedAnswer && !ProviderAnswer.REFUSED.name().equals(event.value())) {
      return;
    }
    Optional<String> closed = results.closedFor(event.reference(), event.country());
    if (closed.isPresent()) {
      log.info("{}: the answer to request {} is recorded, but no results from it: {}", event.reference(), event.requestId(), closed.get());
      return;
    }
    ProviderRequest request = requests.forCountry(event.reference(), event.country()).stream()
        .filter(r -> r.getId() == event.requestId()).findFirst().orElseThrow();
    List<Object[]> indicators = jdbc.query("select i.indicator_value, i.type from provider_request_indicator p join indicator i on i.id = p.indicator_id"
        + " where p.request_id = ? order by i.id", (rs, n) -> new Object[] {rs.getString(1), rs.getString(2)}, event.requestId());
    String date = event.happenedOn().atZone(ZoneOffset.UTC).toLocalDate().toString();
    List<IndicatorResults.Line> lines = new ArrayList<>(indicators.size());
    for (Object[] indicator : indicators) {
      String status = !compliedAnswer ? "STILL_ACTIVE" : "domain-name".equals(indicator[1]) ? compliedDomain : complied;
      lines.add(new IndicatorResults.Line(lines.size() + 1, (String) indicator[0], status, date));
    }
    if (!compliedAnswer) {
      // only those still without a result: what a unit reported stands
      IndicatorResults.Checked checked = results.check(event.reference(), event.country(), lines);
      List<IndicatorResults.Line> open = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        IndicatorResults.Read read = checked.lines().get(i);
        if (read.problem() == null && ResultStatuses.REQUESTED.equals(read.previous())) {
          open.add(new IndicatorResults.Line(open.size() + 1, lines.get(i).indicator(), lines.get(i).status(), lines.get(i).date()));
        }
      }
      lines = open;
    }
    if (lines.isEmpty()) {
      return;
    }
    String provider = request.autonomousSystem() == null ? request.getProviderName()
        : request.getProviderName() + " (" + request.autonomousSystem() + ")";
    String reporter = cut(provider + " answered " + event.value().toLowerCase()
        + ", as recorded by " + event.recordedBy(), 254);
    IndicatorResults.Recorded recorded = results.record(event.reference(), event.country(),
        IndicatorResults.Reporter.of(reporter, false, IndicatorResults.Channel.PROVIDER_ANSWER), lines, null);
    log.info("{}: {} results of {} from the provider's answer to request {}", event.reference(), recorded.results(), event.country(),
        event.requestId());
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
