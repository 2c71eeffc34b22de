package org.takedown.dossier;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ui.Model;
import org.takedown.system.Caller;

/**
 * The page a signed-in user gets on a page of another role (statistics, inbox, review queue as a vendor or
 * unit): 403, in the product's look, saying what the page is for and what this user may open instead.
 */
public final class WrongRolePage {

  public static final String VIEW = "wrong-role";

  /** One thing the user may do instead: a link and what it is for. */
  public record Option(String href, String label, String purpose) {}

  private WrongRolePage() {}

  /** {@code heading} says whose page it is, e.g. "The statistics are for the fusion centre's staff". */
  public static String show(String heading, Model model, HttpServletResponse response) {
    Caller caller = Caller.current();
    PageNavigation.Nav nav = PageNavigation.Nav.of(caller);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    model.addAttribute("nav", nav);
    model.addAttribute("heading", heading);
    model.addAttribute("options", options(nav));
    return VIEW;
  }

  static List<Option> options(PageNavigation.Nav nav) {
    List<Option> options = new ArrayList<>();
    if (nav.vendor()) {
      options.add(new Option("/board", "the board", "your operations and the stage each has reached"));
      options.add(new Option("/operations?state=ended", "your ended operations", "closed, rejected, merged or withdrawn"));
    } else if (nav.unit()) {
      options.add(new Option("/board", "the board", "your country's operations"));
      options.add(new Option("/camunda/app/tasklist/default/", "Tasklist", "your country's tasks: answer an assignment, confirm receipt of evidence"));
      options.add(new Option("/operations?state=ended", "your ended operations", "closed, rejected, merged or withdrawn"));
    } else {
      options.add(new Option("/board", "the board", "the operations shared with you"));
    }
    return options;
  }
}
