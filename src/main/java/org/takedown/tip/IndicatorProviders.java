package org.takedown.tip;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.system.ConflictException;
import org.takedown.system.InvalidInputException;

/**
 * The provider or registrar of a domain or URL, as a coordinator sets or corrects it (the vendor's word, from the tip,
 * is the first). Requests already drafted for a unit keep their grouping: the drafts are made once, at acceptance.
 */
@Service
public class IndicatorProviders {

  private static final Logger log = LoggerFactory.getLogger(IndicatorProviders.class);

  private final OperationService operations;
  private final JdbcTemplate jdbc;

  IndicatorProviders(OperationService operations, JdbcTemplate jdbc) {
    this.operations = operations;
    this.jdbc = jdbc;
  }

  /** What was set: the indicator, its provider before and now (null: not known). */
  public record Set(String reference, String type, String value, String before, String provider) {}

  /** Sets (or with a blank provider, clears) the provider of one indicator of the operation, named by type and value. */
  @Transactional
  public Set set(String reference, String type, String value, String provider, String user) {
    if (type == null || type.isBlank()) {
      throw new InvalidInputException("type", "is required: the indicator's type, e.g. domain-name or url");
    }
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("value", "is required: the indicator's value, e.g. example.org");
    }
    IndicatorType indicatorType = IndicatorType.of(type.trim())
        .orElseThrow(() -> new InvalidInputException("type", "'" + type + "' is not supported; use one of " + IndicatorType.ids()));
    String normalized;
    try {
      normalized = indicatorType.normalise(value.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("value", e.getMessage());
    }
    String wrong = TipRequest.IndicatorRequest.providerProblem(provider);
    if (wrong != null) {
      throw new InvalidInputException("provider", wrong);
    }
    String now = provider == null || provider.isBlank() ? null : provider.strip();
    Operation operation = operations.get(reference.toUpperCase(Locale.ROOT));
    if (operation.getStage().isFinal()) {
      throw new ConflictException(operation.getReference() + " has ended (" + operation.getStage() + "); its indicators are no longer changed.");
    }
    java.util.List<String> before = jdbc.queryForList("select provider from indicator where operation_id = ? and type = ? and normalized_value = ?",
        String.class, operation.getId(), indicatorType.id(), normalized);
    if (before.isEmpty()) {
      throw new InvalidInputException("value", "names no indicator of " + operation.getReference() + ": there is no " + indicatorType.id() + " "
          + value.trim());
    }
    jdbc.update("update indicator set provider = ? where operation_id = ? and type = ? and normalized_value = ?", now, operation.getId(),
        indicatorType.id(), normalized);
    log.info("{}: provider of {} {} set to {} by {} (was {})", operation.getReference(), indicatorType.id(), normalized, now, user, before.get(0));
    return new Set(operation.getReference(), indicatorType.id(), value.trim(), before.get(0), now);
  }
}
