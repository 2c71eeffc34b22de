package org.takedown.briefing;

import static org.takedown.briefing.Formats.TIME;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.takedown.result.ResultFigures.Figures;
import org.takedown.result.ResultFigures.OperationRate;
import org.takedown.result.ResultFigures.Programme;
import org.takedown.result.ResultFigures.Rate;
import org.takedown.result.ResultFigures.Times;
import org.takedown.system.Tlp;

/**
 * The programme report: the results of a period's operations as the text of an annual report, from the editable
 * template templates/word/programme-report.docx. The figures are {@link Programme}'s, as the statistics page shows them;
 * this only writes them in words. TLP:AMBER: it names the vendors and what each contributed.
 */
@Component
public class ProgrammeReport {

  public static final String TEMPLATE = "programme-report";
  public static final Tlp TLP = Tlp.AMBER;

  private final WordDocuments word;

  ProgrammeReport(WordDocuments word) {
    this.word = word;
  }

  public byte[] render(Programme programme, Instant now) {
    return word.render(TEMPLATE, TLP, model(programme, now));
  }

  static Map<String, Object> model(Programme programme, Instant now) {
    Figures f = programme.figures();
    Rate total = f.total();
    Map<String, Object> model = new HashMap<>();
    model.put("generatedAt", TIME.format(now));
    model.put("from", programme.from().toString());
    model.put("to", programme.to().toString());
    model.put("days", Long.toString(ChronoUnit.DAYS.between(programme.from(), programme.to()) + 1));
    model.put("operationCount", number(programme.operations()));
    model.put("operationWord", programme.operations() == 1 ? "operation" : "operations");
    model.put("countryCount", number(f.countries()));
    model.put("countriesWithTakedowns", number(f.countriesWithTakedowns()));
    model.put("indicatorCount", number(total.routed()));
    model.put("reportedCount", number(total.reported()));
    model.put("reportedRate", total.routed() == 0 ? "–" : Math.round(100.0 * total.reported() / total.routed()) + " %");
    model.put("takenDownCount", number(total.positive()));
    model.put("rate", total.percentText());
    model.put("headline", f.headline());
    Times t = f.times();
    model.put("firstActionMedian", t.firstActionMedianText());
    model.put("firstActionP90", t.firstActionP90Text());
    model.put("takedownMedian", t.takedownMedianText());
    model.put("takedownP90", t.takedownP90Text());
    model.put("serversSeized", number(f.counts().serversSeized()));
    model.put("domainsSinkholed", number(f.counts().domainsSinkholed()));
    model.put("arrests", number(f.counts().arrests()));
    model.put("victimsNotified", number(f.counts().victimsNotified()));
    model.put("any", f.any());
    model.put("none", !f.any());
    model.put("countries", f.byCountry().stream().map(r -> {
      Map<String, Object> row = rate(r.label() + " (" + r.key() + ")", r);
      Times times = f.timesByCountry().get(r.key());
      row.put("firstActionMedian", times == null ? "–" : times.firstActionMedianText());
      row.put("takedownMedian", times == null ? "–" : times.takedownMedianText());
      return row;
    }).toList());
    model.put("vendors", f.byVendor().stream().map(r -> rate(r.label(), r)).toList());
    model.put("types", f.byType().stream().map(r -> rate(r.label(), r)).toList());
    List<OperationRate> top = programme.highlights();
    model.put("highlights", top.stream().map(o -> {
      Map<String, Object> row = rate(o.title(), o.rate());
      row.put("reference", o.reference());
      row.put("vendor", o.vendor());
      return row;
    }).toList());
    model.put("highlightText", highlights(top));
    return model;
  }

  /** "OP-2033-9002 (2 of 2 taken down) and OP-2033-9001 (2 of 4)": the operations with most takedowns, in a sentence. */
  static String highlights(List<OperationRate> top) {
    if (top.isEmpty()) {
      return "No operation of the period has an indicator taken down yet.";
    }
    StringBuilder s = new StringBuilder(top.size() == 1 ? "The operation with most takedowns: " : "The operations with most takedowns: ");
    for (int i = 0; i < top.size(); i++) {
      OperationRate o = top.get(i);
      s.append(i == 0 ? "" : i == top.size() - 1 ? " and " : ", ").append(o.reference()).append(", ").append(o.title()).append(" (")
          .append(number(o.rate().positive())).append(" of ").append(number(o.rate().routed())).append(i == 0 ? " indicators taken down)" : ")");
    }
    return s.append('.').toString();
  }

  private static Map<String, Object> rate(String name, Rate r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", name);
    row.put("routed", number(r.routed()));
    row.put("reported", number(r.reported()));
    row.put("positive", number(r.positive()));
    row.put("rate", r.percentText());
    return row;
  }

  private static String number(long n) {
    return String.format(Locale.ENGLISH, "%,d", n);
  }
}
