package org.takedown.tip;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.operation.Stage;
import org.takedown.routing.IpBlock;
import org.takedown.routing.MalformedIpException;
import org.takedown.system.ConflictException;
import org.takedown.system.CountryCodes;
import org.takedown.system.InvalidInputException;

/**
 * A coordinator moves indicators between countries before the units are asked: one indicator, every address and
 * block within a CIDR block, or all of a country, to another country or to none ("leave unrouted": nobody is sent
 * them). Each move replaces where the indicators were with the coordinator's word ({@link PlacedBy#COORDINATOR}),
 * is kept with who made it and when (and the request is in the audit trail), and is made in statements over sets
 * of indicators, never one per indicator. After the units were asked it is refused: re-routing would need new briefs.
 */
@Service
public class IndicatorMoves {

  private static final Logger log = LoggerFactory.getLogger(IndicatorMoves.class);
  /** Indicator ids per statement. */
  private static final int CHUNK = 1_000;

  /** Which indicators: exactly one of an indicator (type and value), a CIDR block, or a country. */
  public sealed interface Selection {
    /** For people and the record: "ipv4-addr 193.99.200.1", "212.27.0.0/16", "all of Germany (DE)". */
    String words();
  }

  public record One(IndicatorType type, String value) implements Selection {
    @Override
    public String words() {
      return type.id() + " " + value;
    }
  }

  public record Block(IpBlock block) implements Selection {
    @Override
    public String words() {
      return "the addresses and blocks within " + block;
    }
  }

  public record AllOf(String country) implements Selection {
    @Override
    public String words() {
      return "all of " + CountryCodes.name(country) + " (" + country + ")";
    }
  }

  /** An indicator named by its value only, of whatever type (the page's single field): as sent or as normalised. */
  public record Value(String value) implements Selection {
    @Override
    public String words() {
      return value;
    }
  }

  /**
   * The page's one field: a country code (all of that country), a CIDR block (everything within it), an IP address,
   * or an indicator's value as sent or normalised.
   */
  public static Selection fromText(String text) {
    String which = text == null ? "" : text.trim();
    if (which.isEmpty()) {
      throw new InvalidInputException("which", "is required: an indicator's value, a CIDR block such as 212.27.0.0/18, or a country code such as DE");
    }
    if (which.length() == 2 && CountryCodes.isValid(which.toUpperCase(Locale.ROOT))) {
      return new AllOf(which.toUpperCase(Locale.ROOT));
    }
    if (which.contains("/") && !which.contains(":/")) {
      try {
        return new Block(IpBlock.parse(which));
      } catch (MalformedIpException e) {
        // not a block: perhaps a value with a slash
      }
    }
    return new Value(which);
  }

  /** What a move did: how many indicators it moved, and where to (null: left unrouted). */
  public record Moved(String reference, String selection, String to, int moved) {
    /** "3 indicators (the addresses and blocks within 212.27.0.0/16) moved to France (FR)." */
    public String words() {
      return moved + (moved == 1 ? " indicator" : " indicators") + " (" + selection + ") "
          + (to == null ? "left unrouted: no unit is sent " + (moved == 1 ? "it" : "them") : "moved to " + CountryCodes.name(to) + " (" + to + ")")
          + ".";
    }
  }

  private final JdbcTemplate jdbc;
  private final OperationService operations;
  private final NationalAssignmentService assignments;
  private final TipService tips;
  private final Clock clock;

  IndicatorMoves(JdbcTemplate jdbc, OperationService operations, NationalAssignmentService assignments, TipService tips, Clock clock) {
    this.jdbc = jdbc;
    this.operations = operations;
    this.assignments = assignments;
    this.tips = tips;
    this.clock = clock;
  }

  /**
   * Reads a selection as given: {@code type} and {@code value} (one indicator), {@code cidr}, or {@code from} (a country);
   * exactly one of them. Field names are those of the API's body, so that a refusal points at the field.
   */
  public static Selection selection(String type, String value, String cidr, String from) {
    int given = (value != null || type != null ? 1 : 0) + (cidr != null ? 1 : 0) + (from != null ? 1 : 0);
    if (given != 1) {
      throw new InvalidInputException(given == 0 ? "value" : "cidr", given == 0
          ? "is required: say which indicators to move, with \"type\" and \"value\" (one indicator), \"cidr\" (every address and block"
              + " within it) or \"from\" (every indicator of a country)"
          : "give only one of \"type\" and \"value\", \"cidr\" or \"from\": one move chooses its indicators one way");
    }
    if (cidr != null) {
      try {
        return new Block(IpBlock.parse(cidr.trim()));
      } catch (MalformedIpException e) {
        throw new InvalidInputException("cidr", e.getMessage());
      }
    }
    if (from != null) {
      return new AllOf(country("from", from));
    }
    if (type == null || type.isBlank()) {
      throw new InvalidInputException("type", "is required with \"value\": one of " + IndicatorType.ids());
    }
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("value", "is required with \"type\": the indicator's value");
    }
    IndicatorType indicatorType = IndicatorType.of(type.trim())
        .orElseThrow(() -> new InvalidInputException("type", "'" + type + "' is not supported; use one of " + IndicatorType.ids()));
    try {
      return new One(indicatorType, indicatorType.normalise(value.trim()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("value", e.getMessage());
    }
  }

  /** An ISO 3166-1 alpha-2 code, upper-cased, or a refusal naming the field. */
  public static String country(String field, String code) {
    String upper = code.trim().toUpperCase(Locale.ROOT);
    if (!CountryCodes.isValid(upper)) {
      try {
        CountryCodes.normalise(field, List.of(code));
      } catch (InvalidInputException e) { // with "did you mean" for UK and EL
        throw new InvalidInputException(field, e.problems().get(0).message());
      }
    }
    return upper;
  }

  /**
   * Moves the selected indicators of the operation to {@code to}, or leaves them unrouted ({@code to} null). At triage the
   * countries proposed in the form follow; during the legal review only the countries triage chose may receive them.
   *
   * @throws ConflictException once the units were asked (or the operation ended), or when the target is not one of the
   *     operation's countries during the legal review
   * @throws InvalidInputException when the selection finds no indicator of the operation
   */
  @Transactional
  public Moved move(String reference, Selection selection, String to, String user) {
    Operation operation = operations.get(reference);
    // The row lock orders this move with the step that asks the units (which changes the stage).
    String stage = jdbc.queryForObject("select stage from operation where id = ? for update", String.class, operation.getId());
    refuseAfterAssignment(reference, Stage.valueOf(stage));
    if (to != null && Stage.valueOf(stage) == Stage.LEGAL_REVIEW) {
      List<String> chosen = assignments.list(reference).stream().filter(a -> a.getStatus() != AssignmentStatus.EXCLUDED)
          .map(a -> a.getCountry()).toList();
      if (!chosen.contains(to)) {
        throw new ConflictException(CountryCodes.name(to) + " (" + to + ") is not one of the countries of " + reference
            + " chosen at triage (" + CountryCodes.names(chosen) + "), and the legal review is of those. During the review,"
            + " move indicators among them or leave them unrouted.");
      }
    }
    List<Long> ids = select(operation, selection);
    if (ids.isEmpty()) {
      if (selection instanceof One one) {
        throw new InvalidInputException("value", "names no indicator of " + reference + ": there is no " + one.words());
      }
      if (selection instanceof Value v) {
        throw new InvalidInputException("which", "names no indicator of " + reference + ": no indicator's value is " + v.value());
      }
      if (selection instanceof Block block) {
        throw new InvalidInputException("cidr", "holds no address or block of " + reference + ": no indicator is within " + block.block());
      }
      AllOf all = (AllOf) selection;
      throw new InvalidInputException("from", "names a country no indicator of " + reference + " is placed in: "
          + CountryCodes.name(all.country()) + " (" + all.country() + ")");
    }
    Instant now = clock.instant();
    for (List<Long> chunk : chunks(ids)) {
      String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
      Object[] args = chunk.toArray();
      if (selection instanceof AllOf all) {
        // The country's indicators leave it; where else they are stays.
        jdbc.update("delete from indicator_country where country in (?, ?) and indicator_id in (" + in + ")",
            concat(new Object[] {all.country(), to == null ? all.country() : to}, args));
      } else {
        jdbc.update("delete from indicator_country where indicator_id in (" + in + ")", args);
      }
      jdbc.update("delete from indicator_unrouted where indicator_id in (" + in + ")", args);
      if (to != null) {
        jdbc.update("insert into indicator_country (indicator_id, country, placed_by, source_label) select i.id, ?, ?, ? from indicator i"
            + " where i.id in (" + in + ")", concat(new Object[] {to, PlacedBy.COORDINATOR.name(), PlacedBy.COORDINATOR.words()}, args));
      } else {
        // Left unrouted on purpose: those now placed nowhere (one of a country's indicators may still be elsewhere).
        jdbc.update("insert into indicator_unrouted (indicator_id, moved_by, moved_at) select i.id, ?, ? from indicator i where i.id in (" + in + ")"
            + " and not exists (select 1 from indicator_country c where c.indicator_id = i.id)",
            concat(new Object[] {user, Timestamp.from(now)}, args));
      }
    }
    jdbc.update("insert into indicator_move (operation_id, moved_by, moved_at, selection, to_country, moved) values (?, ?, ?, ?, ?, ?)",
        operation.getId(), user, Timestamp.from(now), cut(selection.words(), 200), to, ids.size());
    if (Stage.valueOf(stage) == Stage.TRIAGE) {
      tips.proposalChanged(operation, selection instanceof AllOf all ? all.country() : null, to);
    }
    Moved moved = new Moved(reference, selection.words(), to, ids.size());
    log.info("{}: {} by {}", reference, moved.words(), user);
    return moved;
  }

  /** The moves made, newest first: "cora, 2026-…: 3 indicators (…) moved to France (FR)". */
  @Transactional(readOnly = true)
  public List<Record> moves(String reference) {
    return jdbc.query("select m.moved_by, m.moved_at, m.selection, m.to_country, m.moved from indicator_move m"
        + " join operation o on o.id = m.operation_id where o.reference = ? order by m.id desc", (rs, n) -> new Record(rs.getString(1),
        rs.getTimestamp(2).toInstant(), new Moved(reference, rs.getString(3), rs.getString(4), rs.getInt(5))), reference);
  }

  /** A move as kept: who, when, what. */
  public record Record(String by, Instant at, Moved moved) {}

  /** Whether the operation's indicators may still be moved (before the units were asked). */
  public static boolean movable(Stage stage) {
    return stage == Stage.TRIAGE || stage == Stage.LEGAL_REVIEW;
  }

  private static void refuseAfterAssignment(String reference, Stage stage) {
    if (stage.isFinal()) {
      throw new ConflictException(reference + " has ended (" + stage + "); its indicators are no longer routed.");
    }
    if (!movable(stage)) {
      throw new ConflictException("The national units of " + reference + " have been asked already, each with the brief of its"
          + " own indicators, so indicators can no longer be moved between countries. Moving them now would need new briefs"
          + " to the units, which the product does not do yet.");
    }
  }

  private List<Long> select(Operation operation, Selection selection) {
    if (selection instanceof One one) {
      return jdbc.queryForList("select id from indicator where operation_id = ? and type = ? and normalized_value = ?", Long.class,
          operation.getId(), one.type().id(), one.value());
    }
    if (selection instanceof AllOf all) {
      return jdbc.queryForList("select c.indicator_id from indicator_country c join indicator i on i.id = c.indicator_id"
          + " where i.operation_id = ? and c.country = ? order by c.indicator_id", Long.class, operation.getId(), all.country());
    }
    if (selection instanceof Value v) {
      String lower = v.value().toLowerCase(Locale.ROOT);
      return jdbc.queryForList("select id from indicator where operation_id = ? and type <> ? and (indicator_value = ? or normalized_value = ?"
          + " or normalized_value = ?) order by id", Long.class, operation.getId(), Indicator.PATTERN, v.value(), v.value(), lower);
    }
    Block block = (Block) selection;
    List<Long> ids = new ArrayList<>();
        jdbc.query("select id, normalized_value from indicator where operation_id = ? and type in ('ipv4-addr', 'ipv6-addr') order by id",
            rs -> {
              try {
                if (block.block().contains(IpBlock.parse(rs.getString(2)))) {
                  ids.add(rs.getLong(1));
                }
              } catch (MalformedIpException e) {
                // a value the IP rules of today do not read: not within any block
              }
            }, operation.getId());
    return ids;
  }

  private static List<List<Long>> chunks(List<Long> ids) {
    List<List<Long>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
    }
    return chunks;
  }

  private static Object[] concat(Object[] first, Object[] rest) {
    Object[] all = new Object[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
