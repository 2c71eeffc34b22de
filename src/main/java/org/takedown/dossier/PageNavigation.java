package org.takedown.dossier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.takedown.system.Caller;
import org.takedown.system.Groups;

/**
 * Gives every rendered page (board, dossier, statistics) what the shared layout's navigation needs:
 * who is signed in and which links their role has. Pages of any package get it without asking.
 */
@Configuration(proxyBeanMethods = false)
class PageNavigation implements WebMvcConfigurer {

  /** What the navigation shows; templates read nav.user, nav.coordinator, nav.legal, nav.staff, nav.admin. */
  public record Nav(String user, boolean coordinator, boolean legal, boolean staff, boolean vendor, boolean unit, String role, boolean admin) {

    static Nav of(Caller caller) {
      boolean legal = caller.groups().contains(Groups.LEGAL);
      boolean unit = !caller.unitCountries().isEmpty();
      String role = caller.isAdmin() ? "administrator" : caller.isCoordinator() ? "coordinator" : legal ? "legal officer"
          : unit ? "national unit " + String.join(", ", caller.unitCountries()) : caller.isVendor() ? "vendor" : "reader";
      return new Nav(caller.user(), caller.isCoordinator(), legal, caller.isStaff(), caller.isVendor(), unit, role, caller.isAdmin());
    }
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new HandlerInterceptor() {
      @Override
      public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
        if (view == null || view.getViewName() == null || view.getViewName().startsWith("redirect:")) {
          return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken)) {
          view.addObject("nav", Nav.of(Caller.of(authentication)));
        }
      }
    }).excludePathPatterns("/partner/**", "/camunda/**", "/engine-rest/**", "/api/**");
  }
}
