package org.takedown.dossier.statistics;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.takedown.briefing.ProgrammeReport;
import org.takedown.briefing.WordDocuments;
import org.takedown.dossier.WrongRolePage;
import org.takedown.result.ResultFigures;
import org.takedown.result.ResultFigures.Programme;
import org.takedown.result.ResultStatuses;
import org.takedown.system.Caller;
import org.takedown.system.Downloads;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;

/**
 * Statistics for the fusion centre's staff: {@code /statistics} (page), {@code /statistics.csv},
 * {@code /statistics.xlsx} and the Word programme report {@code /statistics.docx}, each for
 * {@code ?from=YYYY-MM-DD&to=YYYY-MM-DD} (UTC days, both included; by default the last 90 days).
 */
@Controller
class StatisticsController {

  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  static final MediaType DOCX = MediaType.parseMediaType(WordDocuments.CONTENT_TYPE);
  /** The operations with most takedowns that the page and the programme report name. */
  static final int HIGHLIGHTS = 5;

  private final Statistics statistics;
  private final ResultFigures results;
  private final ResultStatuses statuses;
  private final ProgrammeReport programmeReport;
  private final Clock clock;

  StatisticsController(Statistics statistics, ResultFigures results, ResultStatuses statuses, ProgrammeReport programmeReport, Clock clock) {
    this.statistics = statistics;
    this.results = results;
    this.statuses = statuses;
    this.programmeReport = programmeReport;
    this.clock = clock;
  }

  @GetMapping("/statistics")
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
      HttpServletResponse response) {
    staffOnly();
    model.addAttribute("from", from == null ? "" : from);
    model.addAttribute("to", to == null ? "" : to);
    Period period;
    try {
      period = Period.parse(from, to, clock);
    } catch (InvalidInputException e) {
      // The form again, with what to fix; no figures for a period that is not one.
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problems", e.problems());
      return "statistics";
    }
    StatisticsReport report = statistics.report(period);
    model.addAttribute("from", period.from().toString());
    model.addAttribute("to", period.to().toString());
    model.addAttribute("report", report);
    model.addAttribute("stageChart", StatisticsChart.svg("Stage cycle times, all countries",
        report.stages().stream().filter(StatisticsReport.DurationRow::allCountries).toList(), false));
    model.addAttribute("responseChart", StatisticsChart.svg("Unit response times by country",
        report.responses().stream().filter(r -> !r.allCountries()).toList(), true));
    Programme programme = results.programme(period.from(), period.to(), HIGHLIGHTS);
    model.addAttribute("programme", programme);
    model.addAttribute("resultStatuses", ResultsSection.statuses(programme.figures(), statuses));
    model.addAttribute("rateChart", ResultsChart.svg("Takedown rate by country", programme.figures().byCountry()));
    model.addAttribute("resultTimesChart", StatisticsChart.svg("Time to first action and to takedown, all countries",
        ResultsSection.times(programme.figures()), false));
    model.addAttribute("query", "from=" + period.from() + "&to=" + period.to());
    return "statistics";
  }

  @GetMapping("/statistics.csv")
  ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    staffOnly();
    Period period = Period.parse(from, to, clock);
    byte[] body = StatisticsExports.csv(statistics.report(period)).getBytes(StandardCharsets.UTF_8);
    return download(body, new MediaType("text", "csv", StandardCharsets.UTF_8), fileName(period, "csv"));
  }

  @GetMapping("/statistics.xlsx")
  ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    staffOnly();
    Period period = Period.parse(from, to, clock);
    return download(StatisticsExports.xlsx(statistics.report(period), results.programme(period.from(), period.to(), HIGHLIGHTS)), XLSX,
        fileName(period, "xlsx"));
  }

  @GetMapping("/statistics.docx")
  ResponseEntity<byte[]> docx(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    staffOnly();
    Period period = Period.parse(from, to, clock);
    byte[] body = programmeReport.render(results.programme(period.from(), period.to(), HIGHLIGHTS), clock.instant());
    return download(body, DOCX, "takedown-programme-report-" + period.from() + "-to-" + period.to() + ".docx");
  }

  private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(fileName));
    return ResponseEntity.ok().headers(headers).contentType(type).cacheControl(CacheControl.noStore()).body(body);
  }

  private static String fileName(Period period, String extension) {
    return "takedown-statistics-" + period.from() + "-to-" + period.to() + "." + extension;
  }

  /** A vendor or unit who opens a statistics address gets a page in the product's look, not problem+json. */
  @ExceptionHandler(ForbiddenException.class)
  String forbidden(Model model, HttpServletResponse response) {
    return WrongRolePage.show("The statistics are for the fusion centre's staff", model, response);
  }

  private static void staffOnly() {
    if (!Caller.current().isStaff()) {
      throw new ForbiddenException("Statistics are for the fusion centre's staff: coordinators, legal officers and administrators.");
    }
  }
}
