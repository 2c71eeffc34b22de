package org.takedown.dossier;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.operation.Operation;
import org.takedown.result.ResultFigures;
import org.takedown.security.Disclosure;
import org.takedown.tip.Contributions;
import org.takedown.system.Tlp;

/**
 * Who contributed to an operation, as its reader may see it (the API and the page): the fusion centre's staff every
 * contributing organisation with its tip, TLP, consent, the indicators it reported and what became of them; a contributing
 * vendor counts only (how many others, how many of its indicators they reported too) and the others' names where both
 * agreed to be named to co-reporters; nobody else anything.
 */
@Component
class ContributorViews {

  private final Contributions contributions;
  private final ResultFigures figures;

  ContributorViews(Contributions contributions, ResultFigures figures) {
    this.contributions = contributions;
    this.figures = figures;
  }

  /**
   * One contribution, for staff: {@code indicators} it reported (one reported by two is credited to both),
   * {@code alsoReported} of them reported by another contribution too; routed, reported on, taken down of its own.
   */
  public record Contributor(String organisation, String name, String tipReference, Tlp tlp, boolean namedToCoReporters, Instant joinedAt,
      boolean lead, long indicators, long alsoReported, long routed, long reported, long takenDown) {

    /** When it joined, as the page prints times. */
    public String joinedAtText() {
      return Board.TIME.format(joinedAt);
    }
  }

  /**
   * What a contributing vendor reads: how many other organisations contribute, the names of those that agreed to be
   * named where it agreed too, how many indicators it reported and how many of those others reported too.
   */
  public record CoReport(long otherContributors, List<String> otherContributorNames, long yourIndicators, long alsoReportedByOthers) {}

  /** Staff: every contribution; null for anyone else. */
  @Transactional(readOnly = true)
  public List<Contributor> forStaff(Operation o, Disclosure d) {
    if (!d.isStaff()) {
      return null;
    }
    Map<Long, ResultFigures.Rate> results = figures.perContribution(o.getReference());
    return contributions.of(o.getReference()).stream().map(c -> {
      ResultFigures.Rate r = results.get(c.id());
      return new Contributor(c.organisation(), c.name(), c.tipReference(), c.tlp(), c.named(), c.joinedAt(), c.lead(), c.indicators(),
          c.alsoReported(), r == null ? 0 : r.routed(), r == null ? 0 : r.reported(), r == null ? 0 : r.positive());
    }).toList();
  }

  /** A contributing vendor of a co-reported operation: counts and consented names; null for anyone else. */
  @Transactional(readOnly = true)
  public CoReport forVendor(Operation o, Disclosure d) {
    if (!d.readsContributions()) {
      return null;
    }
    Contributions.CoReporters seen = Contributions.seenBy(contributions.of(o.getReference()), d.organisations(), false);
    return new CoReport(seen.others().stream().map(Contributions.Contributor::organisation).distinct().count(), seen.named(),
        seen.ownIndicators(), seen.alsoReported());
  }
}
