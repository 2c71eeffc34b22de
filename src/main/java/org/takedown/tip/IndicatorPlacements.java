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
      "insert into indicator_country (indicator_id, country, placed_by, source_label, disagreement) values (?, ?, ?, ?, ?)";
  /** The source of a country the vendor stated for one indicator (a STIX location it is located-at, a simple tip's "country"). */
  public static final String VENDOR = PlacedBy.VENDOR.words();
  /** Disagreements a proposal lists one by one; the rest are counted (the page and the API list them all). */
  static final int DISAGREEMENTS_LISTED = 20;

  /**
   * One country an indicator is placed in, and who placed it there ("IP table 2026-06"); {@code disagreement}, on a
   * vendor's placement of an address, what the IP table says instead ("IP table 2026-06: DE"), else null.
   */
  public record Spot(String country, PlacedBy placedBy, String source, String disagreement) {

    public Spot(String country, PlacedBy placedBy, String source) {
      this(country, placedBy, source, null);
    }
  }

  /** An indicator the vendor places in other countries than the IP table: "vendor: NL; IP table 2026-06: DE". */
  public record Disagreement(String type, String value, List<String> vendor, String table) {

    /** "vendor: NL; IP table 2026-06: DE". */
    public String words() {
      return "vendor: " + String.join(", ", vendor) + "; " + table;
    }
  }

  /**
   * An operation's countries as its indicators place them: count per country, most first, how many are nowhere, how
   * many a coordinator left unrouted on purpose, and where the vendor and the IP table disagree (the first
   * {@link #DISAGREEMENTS_LISTED}, and their number).
   */
  public record Proposal(Map<String, Long> counts, long unplaced, long unrouted, long disagreementCount, List<Disagreement> disagreements) {

    public Proposal(Map<String, Long> counts, long unplaced) {
      this(counts, unplaced, 0, 0, List.of());
    }

    /** Most indicators first, then by country code. */
    static Proposal of(Map<String, Long> counts, long unplaced) {
      return of(counts, unplaced, 0, 0, List.of());
    }

    static Proposal of(Map<String, Long> counts, long unplaced, long unrouted, long disagreementCount, List<Disagreement> disagreements) {
      Map<String, Long> sorted = new LinkedHashMap<>();
      counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return new Proposal(sorted, unplaced, unrouted, disagreementCount, disagreements);
    }

    /** For people: "Germany (DE) 120, France (FR) 30; 5 not placed", at most {@code max} characters (the rest counted). */
    public String summary(int max) {
      // Each country by name while they all fit; else by code ("BE 613"), so that 95 countries still fit: a
      // coordinator looks for its count in the form.
      StringBuilder text = countries(max, true);
      if (text.indexOf(" more countries") >= 0) {
        text = countries(max, false);
      }
      if (unplaced > 0) {
        text.append(text.isEmpty() ? "" : "; ").append(unplaced).append(" not placed");
      }
      if (unrouted > 0) {
        text.append(text.isEmpty() ? "" : "; ").append(unrouted).append(" left unrouted by a coordinator");
      }
      return text.isEmpty() ? "no indicators" : text.toString();
    }

    private StringBuilder countries(int max, boolean named) {
      StringBuilder text = new StringBuilder();
      int shown = 0;
      for (Map.Entry<String, Long> entry : counts.entrySet()) {
        String part = (named ? CountryCodes.name(entry.getKey()) + " (" + entry.getKey() + ") " : entry.getKey() + " ") + entry.getValue();
        if (text.length() + part.length() + 40 > max) {
          text.append(" and ").append(counts.size() - shown).append(" more countries");
          break;
        }
        text.append(text.isEmpty() ? "" : ", ").append(part);
        shown++;
      }
      return text;
    }

    /**
     * For people, the disagreements as a Markdown list ("- `193.99.200.1`: vendor: NL; IP table 2026-06: DE"), at most
     * {@code max} characters, the rest counted; empty when the vendor and the table agree everywhere.
     */
    public String disagreementList(int max) {
      StringBuilder text = new StringBuilder();
      int shown = 0;
      for (Disagreement d : disagreements) {
        String line = "- `" + d.value().replace('`', ' ') + "`: " + d.words() + "\n";
        if (text.length() + line.length() + 60 > max) {
          break;
        }
        text.append(line);
        shown++;
      }
      if (disagreementCount > shown) {
        text.append("- and ").append(disagreementCount - shown).append(" more on the operation's page\n");
      }
      return text.toString();
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
    Map<Long, List<Spot>> listed = new LinkedHashMap<>();
    long disagreementCount = 0;
    for (Map.Entry<Long, List<Spot>> entry : located.entrySet()) {
      Long indicator = entry.getKey();
      List<Spot> spots = entry.getValue();
      if (spots.isEmpty()) {
        unplaced++;
      }
      String disagreement = spots.stream().map(Spot::disagreement).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      if (disagreement != null && disagreementCount++ < DISAGREEMENTS_LISTED) {
        listed.put(indicator, spots);
      }
      for (Spot spot : spots) {
        counts.merge(spot.country(), 1L, Long::sum);
        rows.add(new Object[] {indicator, spot.country(), spot.placedBy().name(), spot.source(), spot.disagreement()});
        if (rows.size() == BATCH) {
          jdbc.batchUpdate(INSERT, rows);
          rows.clear();
        }
      }
    }
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(INSERT, rows);
    }
    return Proposal.of(counts, unplaced, 0, disagreementCount, disagreements(listed));
  }

  /** The listed disagreements with the values they are about, read in one statement. */
  private List<Disagreement> disagreements(Map<Long, List<Spot>> listed) {
    if (listed.isEmpty()) {
      return List.of();
    }
    Map<Long, String[]> values = new java.util.HashMap<>();
    new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc).query(
        "select id, type, normalized_value from indicator where id in (:ids)", Map.of("ids", listed.keySet()),
        row -> {
          values.put(row.getLong(1), new String[] {row.getString(2), row.getString(3)});
        });
    return listed.entrySet().stream().map(e -> {
      String[] value = values.get(e.getKey());
      return new Disagreement(value[0], value[1], e.getValue().stream().filter(s -> s.disagreement() != null).map(Spot::country).toList(),
          e.getValue().stream().map(Spot::disagreement).filter(java.util.Objects::nonNull).findFirst().orElseThrow());
    }).toList();
  }

  /** Indicators copied to another operation (a merge) are where their originals are: original id → copy's id. */
  @Transactional
  public void copy(Map<Long, Long> copies) {
    List<Object[]> pairs = copies.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey()}).toList();
    for (int from = 0; from < pairs.size(); from += BATCH) {
      List<Object[]> chunk = pairs.subList(from, Math.min(pairs.size(), from + BATCH));
      jdbc.batchUpdate("insert into indicator_country (indicator_id, country, placed_by, source_label, disagreement) "
          + "select ?, country, placed_by, source_label, disagreement from indicator_country where indicator_id = ?", chunk);
      jdbc.batchUpdate("insert into indicator_unrouted (indicator_id, moved_by, moved_at) "
          + "select ?, moved_by, moved_at from indicator_unrouted where indicator_id = ?", chunk);
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
    return where(type, value, named, List.of());
  }

  /**
   * Where an indicator is at intake when the vendor may have stated countries for it ({@code stated}: a STIX location
   * it is located-at, the simple tip's "country"): there, as the vendor's word, which wins over the IP table; where
   * the table places an address elsewhere, each vendor placement says so ({@link Spot#disagreement()}). Without a
   * stated country, as {@link #where(String, String, List)}.
   */
  public List<Spot> where(String type, String value, List<String> named, List<String> stated) {
    if (!stated.isEmpty()) {
      String disagreement = null;
      if ("ipv4-addr".equals(type) || "ipv6-addr".equals(type)) {
        List<Spot> table = where(type, value);
        List<String> countries = table.stream().map(Spot::country).sorted().toList();
        if (!countries.isEmpty() && !countries.equals(stated.stream().sorted().toList())) {
          disagreement = table.get(0).source() + ": " + String.join(", ", countries);
        }
      }
      String against = disagreement;
      return stated.stream().distinct().map(country -> new Spot(country, PlacedBy.VENDOR, VENDOR, against)).toList();
    }
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
        and not exists (select 1 from indicator_country c where c.indicator_id = i.id)
        and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)""", Long.class, reference);
    Long unrouted = jdbc.queryForObject("""
        select count(*) from indicator_unrouted u join indicator i on i.id = u.indicator_id join operation o on o.id = i.operation_id
        where o.reference = ?""", Long.class, reference);
    Long disagreeing = jdbc.queryForObject("""
        select count(distinct c.indicator_id) from indicator_country c join indicator i on i.id = c.indicator_id
        join operation o on o.id = i.operation_id where o.reference = ? and c.disagreement is not null""", Long.class, reference);
    return new Proposal(counts, unplaced == null ? 0 : unplaced, unrouted == null ? 0 : unrouted, disagreeing == null ? 0 : disagreeing,
        disagreements(reference, DISAGREEMENTS_LISTED));
  }

  /** The first {@code limit} indicators the vendor and the IP table place differently, in the order received. */
  @Transactional(readOnly = true)
  public List<Disagreement> disagreements(String reference, int limit) {
    Map<Long, Disagreement> byIndicator = new LinkedHashMap<>();
    jdbc.query("""
        select i.id, i.type, i.normalized_value, c.country, c.disagreement from indicator_country c join indicator i on i.id = c.indicator_id
        where c.disagreement is not null and c.indicator_id in (select d.indicator_id from indicator_country d join indicator di on di.id = d.indicator_id
        join operation o on o.id = di.operation_id where o.reference = ? and d.disagreement is not null)
        order by i.id, c.country""", row -> {
          Disagreement known = byIndicator.get(row.getLong(1));
          if (known == null && byIndicator.size() < limit) {
            byIndicator.put(row.getLong(1), new Disagreement(row.getString(2), row.getString(3), new ArrayList<>(List.of(row.getString(4))),
                row.getString(5)));
          } else if (known != null) {
            known.vendor().add(row.getString(4));
          }
        }, reference);
    return byIndicator.values().stream().map(d -> new Disagreement(d.type(), d.value(), List.copyOf(d.vendor()), d.table())).toList();
  }

  /** The entries with where each is routed (an empty list: nowhere), in one query for the whole operation. */
  @Transactional(readOnly = true)
  public List<IndicatorEntry> withPlaces(String reference, List<IndicatorEntry> entries) {
    Map<Long, List<Spot>> spots = spots(reference);
    return entries.stream().map(e -> e.withPlaces(spots.getOrDefault(e.id(), List.of()).stream().map(RoutingView.Place::of).toList())).toList();
  }

  /** Where each of the operation's indicators is, by indicator id (absent: placed nowhere). */
  @Transactional(readOnly = true)
  public Map<Long, List<Spot>> spots(String reference) {
    Map<Long, List<Spot>> spots = new LinkedHashMap<>();
    jdbc.query("""
        select c.indicator_id, c.country, c.placed_by, c.source_label, c.disagreement from indicator_country c join indicator i on i.id = c.indicator_id
        join operation o on o.id = i.operation_id where o.reference = ? order by c.indicator_id, c.country""",
        row -> {
          spots.computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
              .add(new Spot(row.getString(2), PlacedBy.valueOf(row.getString(3)), row.getString(4), row.getString(5)));
        }, reference);
    return spots;
  }
}
