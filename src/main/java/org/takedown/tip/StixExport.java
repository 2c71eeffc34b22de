package org.takedown.tip;

import org.takedown.system.Caller;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Operation;
import org.takedown.stix.Observable;
import org.takedown.stix.StixIntake;
import org.takedown.stix.StixLimits;
import org.takedown.stix.StixOperation;
import org.takedown.stix.StixRejectedException;
import org.takedown.stix.StixTip;
import org.takedown.stix.StixTip.ContextObject;
import org.takedown.stix.StixTip.StixIndicator;
import org.takedown.system.Tlp;

/**
 * An operation as a STIX 2.1 {@link StixOperation}: its indicators (each with the vendor's own pattern
 * and id when it came in a STIX bundle, else a pattern built from the value), its pattern indicators as the
 * vendor wrote them, and the context, relationships and statement markings of the bundles it holds, read again
 * from the stored raw bytes.
 */
@Service
public class StixExport {

  private static final Logger log = LoggerFactory.getLogger(StixExport.class);
  private static final Set<AssignmentStatus> NOT_PART = Set.of(AssignmentStatus.EXCLUDED, AssignmentStatus.DROPPED);

  private final OperationIndicators indicators;
  private final StixBundleRepository bundles;
  private final NationalAssignmentService assignments;
  private final OperationAccess access;
  private final StixIntake intake = new StixIntake(StixLimits.DEFAULT);

  StixExport(OperationIndicators indicators, StixBundleRepository bundles, NationalAssignmentService assignments,
      OperationAccess access) {
    this.access = access;
    this.indicators = indicators;
    this.bundles = bundles;
    this.assignments = assignments;
  }

  /**
   * The export as this reader's projection allows (security.Disclosure): a national unit receives it
   * marked with the release TLP of the legal decision, as its documents are, with only its own
   * countries and the indicators routed to them, without the vendor's summary, and without its identity or statements
   * unless the tip allowed attribution; the community receives the title and indicators; a vendor its tip without the
   * countries asked.
   */
  @Transactional(readOnly = true)
  public StixOperation forReader(Caller caller, Operation operation) {
    Disclosure d = access.disclose(caller, operation.getReference()).disclosure();
    StixOperation full = of(operation, d.readerTlp(), d);
    if (d.isStaff()) {
      return full;
    }
    List<ContextObject> context = !d.seesContext() ? List.of() : full.context().stream()
        .filter(c -> d.namesVendor() || !"identity".equals(c.type())).toList();
    return new StixOperation(full.reference(), full.title(), d.seesSummary() ? full.summary() : null, full.created(),
        full.modified(), full.tlp(), full.countries().stream().filter(d::seesCountry).toList(), full.indicators(), context,
        d.seesContext() ? full.relationships() : List.of(), d.namesVendor() ? full.statements() : List.of());
  }

  /**
   * @param tlp the TLP the export is marked with: the operation's, or the release TLP for a national unit
   * @param reader whose indicators go out (need to know); the rest of the projection is {@link #forReader}'s
   */
  private StixOperation of(Operation operation, Tlp tlp, Disclosure reader) {
    return of(operation, tlp, reader, storedBundles(operation.getReference()));
  }

  private StixOperation of(Operation operation, Tlp tlp, Disclosure reader, List<StixTip> stored) {
    String reference = operation.getReference();
    List<IndicatorEntry> seen = indicators.entries(reference, reader);
    // A vendor's indicator goes out whole only to a reader who sees every value it holds: its pattern would name the others.
    Set<String> seenValues = new HashSet<>();
    seen.forEach(i -> seenValues.add(i.type() + "|" + i.normalizedValue()));

    // The vendor's indicators holding each value, and each by id, so that the export keeps their patterns and ids.
    Map<String, List<StixIndicator>> byValue = new HashMap<>();
    Map<String, StixIndicator> byId = new HashMap<>();
    for (StixTip tip : stored) {
      for (StixIndicator i : tip.indicators()) {
        if (!"indicator".equals(i.source()) || i.unparseable()) {
          continue;
        }
        byId.putIfAbsent(i.id(), i);
        if (!"stix".equals(i.patternType())) {
          continue;
        }
        List<String> keys = i.exactObservables().stream().flatMap(o -> key(o.type(), o.value()).stream()).toList();
        if (!reader.seesAllIndicators() && !seenValues.containsAll(keys)) {
          continue;
        }
        keys.forEach(k -> byValue.computeIfAbsent(k, x -> new ArrayList<>()).add(i));
      }
    }

    // Every indicator of the vendor that holds one of the operation's values goes out whole, once, with its own id and
    // pattern (a value several of them hold brings each); a pattern indicator goes out as the vendor wrote it; any
    // other value (simple tips, observed data, SCOs) with a pattern built from its normalised value.
    List<StixOperation.Indicator> exported = new ArrayList<>();
    Set<String> patternsGiven = new HashSet<>();
    for (IndicatorEntry indicator : seen) {
      if (Indicator.PATTERN.equals(indicator.type())) {
        StixIndicator original = indicator.stixId() == null ? null : byId.get(indicator.stixId());
        if (indicator.stixId() == null || patternsGiven.add(indicator.stixId())) {
          exported.add(StixOperation.Indicator.pattern(indicator.stixId(), indicator.value(), indicator.patternType(),
              original != null ? original.name() : indicator.name(), original == null ? null : original.description(),
              original == null ? null : original.validFrom()));
        }
        continue;
      }
      List<StixIndicator> originals = byValue.getOrDefault(indicator.type() + "|" + indicator.normalizedValue(), List.of());
      if (originals.isEmpty()) {
        // The canonical form: 203.0.113.077 as sent would read as octal to some tools.
        exported.add(new StixOperation.Indicator(indicator.type(), indicator.normalizedValue()));
      }
      for (StixIndicator original : originals) {
        if (patternsGiven.add(original.id())) {
          exported.add(new StixOperation.Indicator(original.id(), indicator.type(), indicator.value(), original.pattern(),
              original.name(), original.description(), original.validFrom()));
        }
      }
    }

    Map<String, ContextObject> context = new LinkedHashMap<>();
    Set<StixOperation.Relationship> relationships = new LinkedHashSet<>();
    for (StixTip tip : stored) {
      tip.context().forEach(c -> context.putIfAbsent(c.id(), c));
      tip.relationships().stream().filter(r -> !"sighting".equals(r.type()) && r.sourceRef() != null && r.targetRef() != null)
          .forEach(r -> relationships.add(new StixOperation.Relationship(r.sourceRef(), r.type(), r.targetRef())));
    }
    List<String> countries = assignments.list(reference).stream().filter(a -> !NOT_PART.contains(a.getStatus()))
        .map(a -> a.getCountry()).distinct().toList();
    return new StixOperation(reference, operation.getTitle(), operation.getSummary(), operation.getCreatedAt(), operation.getUpdatedAt(),
        tlp, countries, exported, List.copyOf(context.values()), List.copyOf(relationships), statements(stored));
  }

  /**
   * What the vendor's STIX bundles say beyond indicators, as people read it: each context object once
   * ("malware 'Poison Ivy'") and each relationship as a sentence ("indicator 'C2 IP' indicates malware
   * 'Poison Ivy'"). Briefings and the operation page print it.
   */
  @Transactional(readOnly = true)
  public List<String> context(String reference) {
    return context(storedBundles(reference), ref -> true);
  }

  /** The context as this reader may read it: no sentence about an indicator it is not given (another country's). */
  @Transactional(readOnly = true)
  public List<String> context(Operation operation, Disclosure reader) {
    List<StixTip> stored = storedBundles(operation.getReference());
    boolean aboutIndicators = stored.stream().flatMap(t -> t.relationships().stream())
        .anyMatch(r -> isIndicator(r.sourceRef()) || isIndicator(r.targetRef()));
    if (reader.seesAllIndicators() || !aboutIndicators) {
      return context(stored, ref -> true);
    }
    // Read once: a brief is written per country, and an operation may be asked of many.
    Set<String> given = new HashSet<>();
    of(operation, reader.readerTlp(), reader, stored).indicators().forEach(i -> given.add(i.stixId()));
    return context(stored, ref -> !isIndicator(ref) || given.contains(ref));
  }

  private static boolean isIndicator(String ref) {
    return ref != null && ref.startsWith("indicator--");
  }

  private static List<String> context(List<StixTip> stored, java.util.function.Predicate<String> shown) {
    Set<String> lines = new LinkedHashSet<>();
    for (StixTip tip : stored) {
      tip.context().stream().filter(c -> !"identity".equals(c.type()))
          .forEach(c -> lines.add(c.type().replace('-', ' ') + " " + (c.name() == null ? c.id() : "'" + c.name() + "'")));
      tip.relationships().stream().filter(r -> shown.test(r.sourceRef()) && shown.test(r.targetRef())).forEach(r -> lines.add(r.readable()));
    }
    return List.copyOf(lines);
  }

  /**
   * The statement markings (copyright, terms of use) of the operation's STIX bundles, in the order
   * received, each once: briefings print them.
   */
  @Transactional(readOnly = true)
  public List<String> statements(String reference) {
    return statements(storedBundles(reference));
  }

  /**
   * When the vendor's STIX bundles say each indicator was first valid (its {@code valid_from}): by "type|normalised value"
   * (the earliest of the vendor's indicators holding it), and a pattern indicator by its STIX id. A value sent without a
   * bundle is absent. The legal requests print it as "first seen".
   */
  @Transactional(readOnly = true)
  public Map<String, java.time.Instant> validFrom(String reference) {
    Map<String, java.time.Instant> from = new HashMap<>();
    for (StixTip tip : storedBundles(reference)) {
      for (StixIndicator i : tip.indicators()) {
        if (i.validFrom() == null || i.unparseable()) {
          continue;
        }
        List<String> keys = new ArrayList<>();
        if (i.id() != null) {
          keys.add(i.id());
        }
        i.exactObservables().forEach(o -> key(o.type(), o.value()).ifPresent(keys::add));
        keys.forEach(k -> from.merge(k, i.validFrom(), (a, b) -> a.isBefore(b) ? a : b));
      }
    }
    return from;
  }

  private static List<String> statements(List<StixTip> stored) {
    Set<String> statements = new LinkedHashSet<>();
    stored.forEach(tip -> statements.addAll(tip.statements()));
    return List.copyOf(statements);
  }

  /** Bundles kept read: the briefs of 95 countries are written one after another from the same bundles. */
  private static final int READ_KEPT = 4;
  private final Map<Long, Optional<StixTip>> read = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Optional<StixTip>> eldest) {
      return size() > READ_KEPT;
    }
  });

  /** The operation's stored bundles, each read once and kept for a while by its id (a stored bundle never changes). */
  private List<StixTip> storedBundles(String reference) {
    List<StixTip> tips = new ArrayList<>();
    for (Long id : bundles.idsOf(reference)) {
      Optional<StixTip> tip = read.get(id);
      if (tip == null) {
        tip = bundles.findById(id).flatMap(record -> {
          try {
            return Optional.of(intake.read(record.getContent(), Tlp.AMBER));
          } catch (StixRejectedException e) {
            // Accepted once, so only a tightened limit refuses it now: the indicators are still exported, from the table.
            log.warn("{}: stored STIX bundle {} no longer reads ({}); exported without its context", reference, record.getBundleId(),
                e.getMessage());
            return Optional.empty();
          }
        });
        read.put(id, tip);
      }
      tip.ifPresent(tips::add);
    }
    return tips;
  }

  private static Optional<String> key(String type, String value) {
    return IndicatorType.of(type).flatMap(t -> {
      try {
        return Optional.of(t.id() + "|" + t.normalise(value.trim()));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    });
  }
}
