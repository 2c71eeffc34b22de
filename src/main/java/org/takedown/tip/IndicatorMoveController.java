package org.takedown.tip;

import java.util.Locale;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;
import org.takedown.system.OneLine;

/**
 * Coordinators move an operation's indicators between countries before the units are asked (docs/routing.md):
 * POST /api/operations/{reference}/routing/moves with one indicator ({@code type}, {@code value}), a {@code cidr}, or
 * every indicator of a country ({@code from}); to a country ({@code to}) or to none ({@code "unrouted": true}).
 */
@RestController
@RequestMapping("/api/operations/{reference}/routing")
class IndicatorMoveController {

  private final OperationAccess access;
  private final IndicatorMoves moves;
  private final IndicatorPlacements placements;
  private final NationalUnitDirectory directory;

  IndicatorMoveController(OperationAccess access, IndicatorMoves moves, IndicatorPlacements placements, NationalUnitDirectory directory) {
    this.access = access;
    this.moves = moves;
    this.placements = placements;
    this.directory = directory;
  }

  /** The body: which indicators (one way), and where to (one way). Unknown fields are refused (system.StrictJson). */
  record Move(@OneLine String type, @OneLine String value, @OneLine String cidr, @OneLine String from, @OneLine String to,
      Boolean unrouted) {}

  /** What a move did, in numbers and in words, and the operation's routing after it. */
  record Answer(String reference, int moved, String selection, String to, boolean unrouted, String message, RoutingView routing) {}

  @PostMapping("/moves")
  Answer move(@PathVariable String reference, @jakarta.validation.Valid @RequestBody Move body) {
    Caller caller = Caller.current();
    Operation operation = access.centreRecords(caller, reference.toUpperCase(Locale.ROOT), "Routing decisions");
    if (!caller.isCoordinator()) {
      throw new ForbiddenException("Only coordinators move indicators between countries.");
    }
    if (body == null) {
      throw new InvalidInputException("to", "is required: send a JSON object saying which indicators move where");
    }
    IndicatorMoves.Selection selection = IndicatorMoves.selection(body.type(), body.value(), body.cidr(), body.from());
    boolean unrouted = Boolean.TRUE.equals(body.unrouted());
    if (body.to() != null && body.unrouted() != null || body.to() == null && !unrouted) {
      throw new InvalidInputException(body.to() == null ? "to" : "unrouted", body.to() == null
          ? "is required: the country to move the indicators to, as an ISO 3166-1 alpha-2 code, or \"unrouted\": true to send them to no one"
          : "cannot be given with \"to\": move the indicators to a country, or leave them unrouted");
    }
    String to = unrouted ? null : IndicatorMoves.country("to", body.to());
    IndicatorMoves.Moved moved = moves.move(operation.getReference(), selection, to, caller.user());
    return new Answer(operation.getReference(), moved.moved(), moved.selection(), to, unrouted, moved.words(),
        RoutingView.of(placements.proposal(operation.getReference()), country -> directory.find(country).isPresent()));
  }
}
