package org.takedown.dossier;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.takedown.system.Caller;
import org.takedown.system.ForbiddenException;
import org.takedown.system.NotFoundException;

/** The pages answer in HTML, not problem+json: an unknown or forbidden operation is a plain 404 page. */
@ControllerAdvice(assignableTypes = {BoardController.class, OperationPageController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

  @ExceptionHandler({NotFoundException.class, PageNotFound.class})
  String notFound(RuntimeException e, HttpServletResponse response, Model model) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("nav", PageNavigation.Nav.of(Caller.current()));
    model.addAttribute("message", "There is no such page or operation, or it is not shared with you.");
    return "not-found";
  }

  @ExceptionHandler(ForbiddenException.class)
  String forbidden(ForbiddenException e, HttpServletResponse response, Model model) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    model.addAttribute("nav", PageNavigation.Nav.of(Caller.current()));
    model.addAttribute("message", e.getMessage());
    return "not-found";
  }
}
