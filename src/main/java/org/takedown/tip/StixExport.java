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
import java.util.concurrent.ConcurrentHashMap;
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

  private final IndicatorRepository indicators;
  private final StixBundleRepository bundles;
  private final NationalAssignmentService assignments;
  private final OperationAccess access;
  private final StixIntake intake = new StixIntake(StixLimits.DEFAULT);

  StixExport(IndicatorRepository indicators, StixBundleRepository bundles, NationalAssignmentService assignments,
      OperationAccess access) {
    this.access = access;
    this.indicators = indicators;
    this.bundles = bundles;
    this.assignments = assignments;
  }

  /**
   * The export as this reader's projection allows (security.Disclosure): a national unit receives it
   * marked with the release TLP of the legal decision, as its documents are, with only its own
   * countries, without the vendor's summary, and without its identity or statements unless the tip allowed attribution;
   * the community receives the title and indicators; a vendor its tip without the countries asked.
   */
  @Transactional(readOnly = true)
  public StixOperation forReader(Caller caller, Operation operation) {
    Disclosure d = access.disclose(caller, operation.getReference()).disclosure();
    StixOperation full = of(operation, d.readerTlp());
    if (d.isStaff()) {
      return full;
    }
    List<ContextObject> context = !d.seesContext() ? List.of() : full.context().stream()
        .filter(c -> d.namesVendor() || !"identity".equals(c.type())).toList();
    return new StixOperation(full.reference(), full.title(), d.seesSummary() ? full.summary() : null, full.created(),
        full.modified(), full.tlp(), full.countries().stream().filter(d::seesCountry).toList(), full.indicators(), context,
        d.seesContext() ? full.relationships() : List.of(), d.namesVendor() ? full.statements() : List.of());
  }

  /** @param tlp the TLP the export is marked with: the operation's, or the release TLP for a national unit */
  @Transactional(readOnly = true)
  public StixOperation of(Operation operation, Tlp tlp) {
    String reference = operation.getReference();
    List<StixTip> stored = storedBundles(reference);

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
        for (Observable o : i.exactObservables()) {
          key(o.type(), o.value()).ifPresent(k -> byValue.computeIfAbsent(k, x -> new ArrayList<>()).add(i));
        }
      }
    }

    // Every indicator of the vendor that holds one of the operation's values goes out whole, once, with its own id and
    // pattern (a value several of them hold brings each); a pattern indicator goes out as the vendor wrote it; any
    // other value (simple tips, observed data, SCOs) with a pattern built from its normalised value.
    List<StixOperation.Indicator> exported = new ArrayList<>();
    Set<String> patternsGiven = new HashSet<>();
    for (Indicator indicator : indicators.findByOperationReferenceOrderById(reference)) {
      if (indicator.isPattern()) {
        StixIndicator original = indicator.getStixId() == null ? null : byId.get(indicator.getStixId());
        if (indicator.getStixId() == null || patternsGiven.add(indicator.getStixId())) {
          exported.add(StixOperation.Indicator.pattern(indicator.getStixId(), indicator.getPattern(), indicator.getPatternType(),
              original != null ? original.name() : indicator.getName(), original == null ? null : original.description(),
              original == null ? null : original.validFrom()));
        }
        continue;
      }
      List<StixIndicator> originals = byValue.getOrDefault(indicator.getType() + "|" + indicator.getNormalizedValue(), List.of());
      if (originals.isEmpty()) {
        // The canonical form: 203.0.113.077 as sent would read as octal to some tools.
        exported.add(new StixOperation.Indicator(indicator.getType(), indicator.getNormalizedValue()));
      }
      for (StixIndicator original : originals) {
        if (patternsGiven.add(original.id())) {
          exported.add(new StixOperation.Indicator(original.id(), indicator.getType(), indicator.getValue(), original.pattern(),
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
    Set<String> lines = new LinkedHashSet<>();
    said(reference).forEach(s -> lines.addAll(s.context()));
    return List.copyOf(lines);
  }

  /**
   * The statement markings (copyright, terms of use) of the operation's STIX bundles, in the order
   * received, each once: briefings print them.
   */
  @Transactional(readOnly = true)
  public List<String> statements(String reference) {
    Set<String> statements = new LinkedHashSet<>();
    said(reference).forEach(s -> statements.addAll(s.statements()));
    return List.copyOf(statements);
  }

  private static List<String> statements(List<StixTip> stored) {
    Set<String> statements = new LinkedHashSet<>();
    stored.forEach(tip -> statements.addAll(tip.statements()));
    return List.copyOf(statements);
  }

  /** What one stored bundle says beyond its indicators: its context lines and its statements. */
  private record Said(List<String> context, List<String> statements) {}

  /** Most stored bundles kept read: each country's documents print the same context, and a bundle never changes. */
  private static final int SAID_KEPT = 200;
  private final Map<Long, Said> said = new ConcurrentHashMap<>();

  /**
   * The operation's bundles, each read once and kept by its id (stored bundles are never changed): the documents of 95
   * countries would otherwise read the same bundle of tens of megabytes twice each.
   */
  private List<Said> said(String reference) {
    List<Said> all = new ArrayList<>();
    for (Long id : bundles.idsOf(reference)) {
      if (said.size() > SAID_KEPT) {
        said.clear();
      }
      all.add(said.computeIfAbsent(id, key -> bundles.findById(key).map(record -> {
        try {
          StixTip tip = intake.read(record.getContent(), Tlp.AMBER);
          List<String> lines = new ArrayList<>();
          tip.context().stream().filter(c -> !"identity".equals(c.type()))
              .forEach(c -> lines.add(c.type().replace('-', ' ') + " " + (c.name() == null ? c.id() : "'" + c.name() + "'")));
          tip.relationships().forEach(r -> lines.add(r.readable()));
          return new Said(List.copyOf(new LinkedHashSet<>(lines)), List.copyOf(tip.statements()));
        } catch (StixRejectedException e) {
          log.warn("{}: stored STIX bundle {} no longer reads ({}); exported without its context", reference, record.getBundleId(),
              e.getMessage());
          return new Said(List.of(), List.of());
        }
      }).orElse(new Said(List.of(), List.of()))));
    }
    return all;
  }

  private List<StixTip> storedBundles(String reference) {
    List<StixTip> tips = new ArrayList<>();
    for (StixBundleRecord record : bundles.findByOperationReferenceOrderById(reference)) {
      try {
        tips.add(intake.read(record.getContent(), Tlp.AMBER));
      } catch (StixRejectedException e) {
        // Accepted once, so only a tightened limit refuses it now: the indicators are still exported, from the table.
        log.warn("{}: stored STIX bundle {} no longer reads ({}); exported without its context", reference, record.getBundleId(),
            e.getMessage());
      }
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
