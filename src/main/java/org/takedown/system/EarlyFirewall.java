package org.takedown.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's firewall, applied before Spring Security's own filter. That filter first parses the request's
 * path for its path matchers (ServletRequestPathFilter), and only then runs the firewall: an address that Tomcat
 * normalises onto a servlet of its own, such as /x/%2e%2e/engine-rest/task (served by the Jersey servlet at
 * /engine-rest), fails that parsing (the raw address does not begin with the servlet's path) with a 500 before the
 * firewall could refuse it. Here the same firewall refuses it first, answered by the same handler (400, in the
 * format of the path: {@link ErrorResponses#rejectedRequests()}).
 */
@Configuration(proxyBeanMethods = false)
class EarlyFirewall {

  @Bean
  FilterRegistrationBean<Check> firewallFirst(ObjectProvider<HttpFirewall> firewall, RequestRejectedHandler rejected) {
    FilterRegistrationBean<Check> registration = new FilterRegistrationBean<>(
        new Check(firewall.getIfAvailable(StrictHttpFirewall::new), rejected));
    registration.addUrlPatterns("/*");
    // Inside TaxiiErrors (-300), which puts a refusal on /taxii2 into TAXII's format; before all that reads the address.
    registration.setOrder(-290);
    return registration;
  }

  static final class Check extends OncePerRequestFilter {

    private final HttpFirewall firewall;
    private final RequestRejectedHandler rejected;

    Check(HttpFirewall firewall, RequestRejectedHandler rejected) {
      this.firewall = firewall;
      this.rejected = rejected;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      try {
        firewall.getFirewalledRequest(request);
      } catch (RequestRejectedException e) {
        rejected.handle(request, response, e);
        return;
      }
      // The firewalled request is Spring Security's to make again; the rest of the chain gets the request as it came.
      chain.doFilter(request, response);
    }
  }
}
