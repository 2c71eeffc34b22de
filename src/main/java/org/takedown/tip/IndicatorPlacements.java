package org.takedown.tip;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.routing.IpCountryTable;
import org.takedown.routing.MalformedIpException;
import org.takedown.routing.Placement;
import org.takedown.system.CountryCodes;

/**
 * Where an operation's indicators are: an address or block by the IP table (every country a block spans), a domain,
 * URL or email address by its ccTLD as a weak hint; anything else nowhere until a coordinator places it. Written
 * and read in batches (an operation may hold tens of thousands of indicators).
 */
@Service
public class IndicatorPlacements {

  private static final int BATCH = 1_000;
  private static final String INSERT =
      "insert into indicator_country (indicator_id, country, placed_by, source_label) values (?, ?, ?, ?)";

  /** One country an indicator is placed in, and who placed it there ("IP table 2026-06"). */
  public record Spot(String country, PlacedBy placedBy, String source) {}

  /** An operation's countries as its indicators place them: count per country, most first, and how many are nowhere. */
  public record Proposal(Map<String, Long> counts, long unplaced) {

    /** Most indicators first, then by country code. */
    static Proposal of(Map<String, Long> counts, long unplaced) {
      Map<String, Long> sorted = new LinkedHashMap<>();
      counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return new Proposal(sorted, unplaced);
    }

    /** For people: "Germany (DE) 120, France (FR) 30; 5 not placed", at most {@code max} characters (the rest counted). */
    public String summary(int max) {
      StringBuilder text = new StringBuilder();
      int shown = 0;
      for (Map.Entry<String, Long> entry : counts.entrySet()) {
        String part = CountryCodes.name(entry.getKey()) + " (" + entry.getKey() + ") " + entry.getValue();
        if (text.length() + part.length() + 40 > max) {
          text.append(" and ").append(counts.size() - shown).append(" more countries");
          break;
        }
        text.append(text.isEmpty() ? "" : ", ").append(part);
        shown++;
      }
      if (unplaced > 0) {
        text.append(text.isEmpty() ? "" : "; ").append(unplaced).append(" not placed");
      }
      return text.isEmpty() ? "no indicators" : text.toString();
    }
  }

  private final Function<String, Placement> ipTable;
  private final JdbcTemplate jdbc;

  @Autowired
  IndicatorPlacements(IpCountryTable table, JdbcTemplate jdbc) {
    this(table::placement, jdbc);
  }

  IndicatorPlacements(Function<String, Placement> ipTable, JdbcTemplate jdbc) {
    this.ipTable = ipTable;
    this.jdbc = jdbc;
  }

  /**
   * Places indicators just stored, where {@link #where} found them, in the caller's transaction; the proposal they
   * make, counted on the way. Intake looks them up before it opens the operation: the first lookup loads the IP table
   * (a second or more), which must not happen while the new reference's counter is locked.
   *
   * @param located each indicator's id and where it is
   */
  @Transactional
  public Proposal place(Map<Long, List<Spot>> located) {
    List<Object[]> rows = new ArrayList<>(BATCH);
    Map<String, Long> counts = new java.util.HashMap<>();
    long unplaced = 0;
    for (Map.Entry<Long, List<Spot>> entry : located.entrySet()) {
      Long indicator = entry.getKey();
      List<Spot> spots = entry.getValue();
      if (spots.isEmpty()) {
        unplaced++;
      }
      for (Spot spot : spots) {
        counts.merge(spot.country(), 1L, Long::sum);
        rows.add(new Object[] {indicator, spot.country(), spot.placedBy().name(), spot.source()});
        if (rows.size() == BATCH) {
          jdbc.batchUpdate(INSERT, rows);
          rows.clear();
        }
      }
    }
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(INSERT, rows);
    }
    return Proposal.of(counts, unplaced);
  }

  /** Indicators copied to another operation (a merge) are where their originals are: original id → copy's id. */
  @Transactional
  public void copy(Map<Long, Long> copies) {
    List<Object[]> pairs = copies.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey()}).toList();
    for (int from = 0; from < pairs.size(); from += BATCH) {
      jdbc.batchUpdate("insert into indicator_country (indicator_id, country, placed_by, source_label) "
          + "select ?, country, placed_by, source_label from indicator_country where indicator_id = ?", pairs.subList(from, Math.min(pairs.size(), from + BATCH)));
    }
  }

  /** What the tip's own list of countries places: an indicator nothing else places concerns all of them, as far as anyone knows. */
  public static final String NAMED_BY_TIP = "vendor (the tip's countries)";

  /**
   * Where an indicator is at intake: by the IP table, else by a ccTLD hint that agrees with the countries the tip
   * names (or the tip names none), else in every country the tip names (the vendor's word for the whole tip), else
   * nowhere until a coordinator places it.
   */
  public List<Spot> where(String type, String value, List<String> named) {
    List<Spot> spots = where(type, value);
    if (named.isEmpty() || spots.stream().anyMatch(s -> s.placedBy() != PlacedBy.CCTLD || named.contains(s.country()))) {
      return spots;
    }
    return namedByTip(named);
  }

  /** Every country the tip names, as the vendor's word: where pattern indicators and unplaced values go. */
  public static List<Spot> namedByTip(List<String> named) {
    return named.stream().map(country -> new Spot(country, PlacedBy.VENDOR, NAMED_BY_TIP)).toList();
  }

  /** Where an indicator of a type (its STIX observable id) and normalised value is, by the table or a ccTLD hint. */
  public List<Spot> where(String type, String value) {
    switch (type) {
      case "ipv4-addr", "ipv6-addr" -> {
        Placement placement;
        try {
          placement = ipTable.apply(value);
        } catch (MalformedIpException e) {
          return List.of();
        }
        // The table's data has codes no member country carries (XK, AN): such a part stays for a coordinator to place.
        return placement.countries().stream().filter(CountryCodes::isValid)
            .map(country -> new Spot(country, PlacedBy.IP_TABLE, placement.label())).toList();
      }
      case "domain-name" -> {
        return hint(value);
      }
      case "url" -> {
        return hint(host(value).orElse(null));
      }
      case "email-addr" -> {
        return hint(value.substring(value.lastIndexOf('@') + 1));
      }
      default -> {
        return List.of();
      }
    }
  }

  private static List<Spot> hint(String host) {
    return CountryTlds.country(host).map(country -> List.of(new Spot(country, PlacedBy.CCTLD, PlacedBy.CCTLD.words()))).orElse(List.of());
  }

  private static Optional<String> host(String url) {
    try {
      return Optional.ofNullable(URI.create(url).getHost());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The operation's proposal: per country the number of indicators placed there, and the number placed nowhere. */
  @Transactional(readOnly = true)
  public Proposal proposal(String reference) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query("""
        select c.country, count(*) from indicator_country c join indicator i on i.id = c.indicator_id
        join operation o on o.id = i.operation_id where o.reference = ? group by c.country order by count(*) desc, c.country""",
        row -> {
          counts.put(row.getString(1), row.getLong(2));
        }, reference);
    Long unplaced = jdbc.queryForObject("""
        select count(*) from indicator i join operation o on o.id = i.operation_id where o.reference = ?
        and not exists (select 1 from indicator_country c where c.indicator_id = i.id)""", Long.class, reference);
    return new Proposal(counts, unplaced == null ? 0 : unplaced);
  }

  /** Where each of the operation's indicators is, by indicator id (absent: placed nowhere). */
  @Transactional(readOnly = true)
  public Map<Long, List<Spot>> spots(String reference) {
    Map<Long, List<Spot>> spots = new LinkedHashMap<>();
    jdbc.query("""
        select c.indicator_id, c.country, c.placed_by, c.source_label from indicator_country c join indicator i on i.id = c.indicator_id
        join operation o on o.id = i.operation_id where o.reference = ? order by c.indicator_id, c.country""",
        row -> {
          spots.computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
              .add(new Spot(row.getString(2), PlacedBy.valueOf(row.getString(3)), row.getString(4)));
        }, reference);
    return spots;
  }
}
