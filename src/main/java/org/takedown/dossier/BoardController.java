package org.takedown.dossier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.dossier.BoardQueries.Condition;
import org.takedown.dossier.BoardQueries.Filter;
import org.takedown.operation.Stage;
import org.takedown.system.Caller;
import org.takedown.system.CountryCodes;
import org.takedown.system.Groups;
import org.takedown.system.InvalidInputException;
import org.takedown.system.StrictParameters;
import org.takedown.system.Tlp;

/** The board (home page), the ended operations, the legal review queue and the partner answers inbox. */
@Controller
class BoardController {

  private final Board board;
  private final BoardQueries queries;
  private final Inbox inbox;
  private final NationalUnitDirectory directory;
  private final org.takedown.organisation.VendorOrganisations organisations;
  private final int refreshSeconds;
  private final int pageSize;

  BoardController(Board board, BoardQueries queries, Inbox inbox, NationalUnitDirectory directory,
      org.takedown.organisation.VendorOrganisations organisations,
      @Value("${takedown.board.refresh-seconds:30}") int refreshSeconds, @Value("${takedown.board.page-size:50}") int pageSize) {
    this.board = board;
    this.queries = queries;
    this.inbox = inbox;
    this.directory = directory;
    this.organisations = organisations;
    this.refreshSeconds = Math.max(1, refreshSeconds);
    this.pageSize = Math.max(1, pageSize);
  }

  /** Everyone's first page after signing in: legal officers start at their review queue, everyone else at the board. */
  @GetMapping("/")
  String home(@RequestParam Map<String, String> params, HttpServletRequest request, HttpServletResponse response, Model model) {
    Caller caller = Caller.current();
    if (caller.groups().contains(Groups.LEGAL) && !caller.isCoordinator()) {
      return "redirect:/review";
    }
    return board(params, request, response, model);
  }

  @GetMapping("/board")
  String board(@RequestParam Map<String, String> params, HttpServletRequest request, HttpServletResponse response, Model model) {
    fill(params, request, response, model);
    return "board";
  }

  /** The columns alone, for the page's own refresh (htmx). */
  @GetMapping("/board/cards")
  String cards(@RequestParam Map<String, String> params, HttpServletRequest request, HttpServletResponse response, Model model) {
    fill(params, request, response, model);
    return "board :: columns";
  }

  private void fill(Map<String, String> params, HttpServletRequest request, HttpServletResponse response, Model model) {
    Caller caller = Caller.current();
    List<String> errors = new ArrayList<>();
    List<InvalidInputException.FieldProblem> refused = StrictParameters.queryProblems(request);
    if (!refused.isEmpty()) {
      // The same text rules as every other path; the board is then shown unfiltered, with what to correct.
      refused.forEach(problem -> errors.add(FILTER_NAMES.getOrDefault(problem.field(), "The field '" + problem.field() + "'")
          + " " + problem.message() + "."));
      params = Map.of();
    }
    Stage stage = parse(params.get("stage"), "Stage", errors, text -> {
      Stage s = Stage.valueOf(text.toUpperCase(Locale.ROOT));
      return s.isFinal() ? null : s;
    }, "one of " + Board.OPEN.stream().map(Labels::stage).toList());
    Tlp tlp = parse(params.get("tlp"), "TLP", errors, text -> Tlp.parse(text).orElse(null), "TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN or TLP:CLEAR");
    String country = parse(params.get("country"), "Country", errors,
        text -> CountryCodes.isValid(text.toUpperCase(Locale.ROOT)) ? text.toUpperCase(Locale.ROOT) : null, "a two-letter country code such as DE");
    String vendor = blankToNull(params.get("vendor"));
    String search = blankToNull(params.get("q"));
    if (search != null && search.length() > 2048) {
      errors.add("The search is longer than 2048 characters; shorten it.");
      search = null;
    }
    boolean overdue = "true".equals(params.get("overdue"));
    Filter filter = new Filter(Board.OPEN, stage, country, tlp, vendor, search, null);
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    }
    model.addAttribute("columns", board.columns(caller, filter, overdue));
    model.addAttribute("errors", errors);
    model.addAttribute("filter", Map.of("stage", stage == null ? "" : stage.name(), "tlp", tlp == null ? "" : tlp.name(),
        "country", country == null ? "" : country, "vendor", vendor == null ? "" : vendor, "q", search == null ? "" : search));
    model.addAttribute("overdue", overdue);
    model.addAttribute("stages", Board.OPEN.stream().map(s -> new Option(s.name(), Labels.stage(s))).toList());
    model.addAttribute("tlps", Stream.of(Tlp.values()).map(t -> new Option(t.name(), t.label())).toList());
    // A partner filters by the countries it may see: a unit by its own, a vendor by none.
    model.addAttribute("countries", directory.all().stream().map(e -> e.country())
        .filter(c -> caller.isStaff() || caller.unitCountries().contains(c)).sorted()
        .map(c -> new Option(c, CountryCodes.name(c) + " (" + c + ")")).toList());
    model.addAttribute("staff", caller.isStaff());
    // Staff filter by vendor organisation (its id; the option reads its display name).
    model.addAttribute("vendors", !caller.isStaff() ? List.of() : organisations.all().stream()
        .map(o -> new Option(o.getId(), o.getDisplayName())).toList());
    model.addAttribute("vendorView", !caller.isStaff() && caller.unitCountries().isEmpty());
    model.addAttribute("refreshSeconds", refreshSeconds);
    String query = request.getQueryString();
    model.addAttribute("refreshUrl", "/board/cards" + (query == null ? "" : "?" + query));
  }

  record Option(String value, String label) {}

  private static final Map<String, String> FILTER_NAMES = Map.of("q", "The search", "vendor", "The vendor", "stage", "The stage",
      "country", "The country", "tlp", "The TLP", "overdue", "Overdue only", "query", "The address");

  /** Closed, rejected, merged and withdrawn operations, newest first, a page at a time. */
  @GetMapping("/operations")
  String ended(@RequestParam(required = false) String state, @RequestParam(defaultValue = "1") String page, Model model,
      HttpServletResponse response) {
    Caller caller = Caller.current();
    List<Stage> stages = Board.ENDED;
    String selected = "ended";
    if (state != null && !state.isBlank() && !state.equalsIgnoreCase("ended")) {
      Stage parsed = Arrays.stream(Stage.values()).filter(s -> s.isFinal() && s.name().equalsIgnoreCase(state.trim())).findFirst().orElse(null);
      if (parsed == null) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("errors", List.of("'" + state + "' is not a state here; use closed, rejected, merged or withdrawn."));
      } else {
        stages = List.of(parsed);
        selected = parsed.name().toLowerCase(Locale.ROOT);
      }
    }
    int number;
    try {
      number = Math.max(1, Integer.parseInt(page.trim()));
    } catch (NumberFormatException e) {
      number = 1;
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("errors", List.of("The page must be a whole number such as 2."));
    }
    Condition where = queries.condition(caller, new Filter(stages));
    long total = queries.count(where);
    int pages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
    number = Math.min(number, pages);
    model.addAttribute("rows", queries.operations(where, "o.closed_at desc nulls last, o.id desc", (number - 1) * pageSize, pageSize)
        .stream().map(o -> new EndedRow(o.reference(), o.title(), o.tlp().label(), Labels.tlpClass(o.tlp()), Labels.stage(o.stage()),
            o.closedAt() == null ? "" : Board.TIME.format(o.closedAt()), o.mergedInto())).toList());
    model.addAttribute("state", selected);
    model.addAttribute("states", List.of(new Option("ended", "All"), new Option("closed", "Closed"), new Option("rejected", "Rejected"),
        new Option("merged", "Merged"), new Option("withdrawn", "Withdrawn")));
    model.addAttribute("page", number);
    model.addAttribute("pages", pages);
    model.addAttribute("total", total);
    model.addAttribute("previous", number > 1 ? pageLink(selected, number - 1) : null);
    model.addAttribute("next", number < pages ? pageLink(selected, number + 1) : null);
    return "ended";
  }

  record EndedRow(String reference, String title, String tlp, String tlpClass, String stage, String closed, String mergedInto) {}

  private static String pageLink(String state, int page) {
    return UriComponentsBuilder.fromPath("/operations").queryParam("state", state).queryParam("page", page).toUriString();
  }

  /** Operations waiting for a legal decision, oldest first, with how the decision table routed each. */
  @GetMapping("/review")
  String review(Model model, HttpServletResponse response) {
    Caller caller = Caller.current();
    if (!caller.isStaff()) {
      return WrongRolePage.show("The review queue is for the fusion centre's staff", model, response);
    }
    Condition where = queries.condition(caller, new Filter(List.of(Stage.LEGAL_REVIEW)));
    Map<String, Map<String, Object>> routing = queries.legalRouting(where);
    model.addAttribute("rows", board.cards(caller, where, "o.created_at, o.id", 0, board.perColumn()).stream()
        .map(card -> new ReviewRow(card, routing.getOrDefault(card.reference(), Map.of()))).toList());
    return "review";
  }

  record ReviewRow(Board.Card card, Map<String, Object> routing) {
    public String reviewLevel() {
      Object level = routing.get("reviewLevel");
      return level == null ? "not routed yet" : level.equals("FOUR_EYES") ? "four eyes (two legal officers)" : level.toString().toLowerCase(Locale.ROOT);
    }

    public String mlat() {
      return yesNo(routing.get("mlatRequired"));
    }

    public String dataProtection() {
      return yesNo(routing.get("dataProtectionCheck"));
    }

    private static String yesNo(Object value) {
      return value == null ? "not routed yet" : Boolean.TRUE.equals(value) ? "yes" : "no";
    }
  }

  /** What partners answered, newest first: for the fusion centre's staff. */
  @GetMapping("/inbox")
  String inbox(Model model, HttpServletResponse response) {
    Caller caller = Caller.current();
    if (!caller.isStaff()) {
      return WrongRolePage.show("The inbox of partner answers is for the fusion centre's staff", model, response);
    }
    model.addAttribute("entries", inbox.latest(100));
    return "inbox";
  }

  private interface Parser<T> {
    T parse(String text);
  }

  private static <T> T parse(String value, String field, List<String> errors, Parser<T> parser, String expected) {
    String text = blankToNull(value);
    if (text == null) {
      return null;
    }
    T parsed;
    try {
      parsed = parser.parse(text.trim());
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (parsed == null) {
      errors.add(field + " '" + text + "' is not known here; use " + expected + ".");
    }
    return parsed;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
