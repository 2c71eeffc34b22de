package org.takedown.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.takedown.system.Groups;
import org.takedown.audit.AuditTrail;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Camunda's webapps keep their own login and CSRF protection (with single sign-on configured they
 * also take the product's sign-in, {@link CamundaSignInFilter}); the product's
 * API and Camunda's REST API need HTTP Basic credentials (or a vendor API key, or a bearer token of the identity
 * provider once spring.security.oauth2.resourceserver.jwt.issuer-uri is set) on every request;
 * emailed action links carry their own authorisation; the actuator's metrics need an administrator or a
 * scraper (HTTP Basic); everything else needs a signed-in user, except the login page and health's status.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final ProblemEntryPoint ENTRY_POINT = new ProblemEntryPoint();
  private static final String ADMIN_AUTHORITY = Groups.AUTHORITY_PREFIX + Groups.ADMINS;
  private static final String MONITORING_AUTHORITY = Groups.AUTHORITY_PREFIX + Groups.MONITORING;

  /** Coordinators, legal officers, national units and administrators; not vendors, not users without a role. */
  private static final AuthorizationManager<RequestAuthorizationContext> ENGINE_USERS =
      (authentication, context) -> new AuthorizationDecision(mayUseEngine(authentication.get()));

  /** A throttled form sign-in gets a page that says how long to wait; other failures go back to the form. */
  private static final AuthenticationFailureHandler RETRY_FORM = new SimpleUrlAuthenticationFailureHandler("/login?error");
  private static final AuthenticationFailureHandler FORM_FAILURE = (request, response, e) -> {
    if (e instanceof SignInThrottledException throttled) {
      TooManySignIns.page(request, response, throttled.seconds());
    } else {
      RETRY_FORM.onAuthenticationFailure(request, response, e);
    }
  };

  @Bean
  @Order(1)
  SecurityFilterChain camundaWebapps(HttpSecurity http, LoginThrottle throttle, AuditTrail audit,
      ObjectProvider<ClientRegistrationRepository> clients) throws Exception {
    // Path patterns, not MVC matchers: Camunda's webapps and REST API are servlets of their own.
    http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"))
        // The webapps send their own X-XSRF-TOKEN; a second CSRF check would break them.
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
        // Their login checks the password itself; this puts the product's sign-in throttle in front of it.
        .addFilterAfter(new CamundaLoginThrottleFilter(throttle, audit), SecurityContextHolderFilter.class);
    if (clients.getIfAvailable() == null) {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
    }
    // Single sign-on: the webapps take the product's signed-in user (Camunda's container-based sign-in); a page of
    // theirs opened without any sign-in goes to the product's sign-in page, which offers the identity provider, and
    // back. Their own login (local accounts) still works, and their sign-out ends the product's session too.
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(CAMUNDA_PAGES).access((authentication, context) -> new AuthorizationDecision(
                SpringSecurityAuthenticationProvider.signedIn() != null || CamundaSignInFilter.signedInToWebapps(context.getRequest())))
            .anyRequest().permitAll())
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
        .addFilterAfter(new CamundaSignOutFilter(), SecurityContextHolderFilter.class)
        .addFilterAfter(new CamundaSignInFilter(), AuthorizationFilter.class)
        .build();
  }

  /** A page of Camunda's webapps (/camunda/app/tasklist/default/), not one of their scripts, styles or API calls. */
  private static final RequestMatcher CAMUNDA_PAGES = request -> {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "GET".equals(request.getMethod()) && path.startsWith("/camunda/app/")
        && !path.substring(path.lastIndexOf('/') + 1).contains(".");
  };

  /**
   * Emailed action links, for national units without an account: the signed single-use token in the
   * path is what authorises, so there is no sign-in and no CSRF token; the page leaks no referrer.
   */
  @Bean
  @Order(2)
  SecurityFilterChain partnerActions(HttpSecurity http, AuditTrail audit) throws Exception {
    return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/partner/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'"))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .addFilterAfter(audit.beforeAction(), AuthorizationFilter.class)
        .build();
  }

  /**
   * Camunda's REST API, for the fusion centre's staff and the national units only (vendors use the
   * product's API): the engine is told who calls, and checks its authorisations. Every state-changing request goes
   * to the audit trail, which refuses it if it cannot record it.
   */
  @Bean
  @Order(3)
  SecurityFilterChain engineRest(HttpSecurity http, IdentityService identity, AuditTrail audit,
      ObjectProvider<JwtDecoder> tokens, SsoGroups groups, LoginThrottle throttle) throws Exception {
    http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().access(ENGINE_USERS));
    bearerTokens(http, tokens, groups, throttle, audit, SignInDetails.ENGINE_BEARER);
    return stateless(http, SignInDetails.ENGINE_REST)
        .addFilterAfter(audit.filter(), SecurityContextHolderFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class)
        .addFilterAfter(audit.beforeAction(), AuthorizationFilter.class)
        .build();
  }

  /**
   * The product's API, its OpenAPI description and the TAXII 2.1 server, for users (HTTP Basic) and vendors' machines (X-Api-Key). Its own services
   * check what a caller may see (TLP, ownership); the engine calls they make are the product's, so
   * no engine authentication is set here. Every state-changing request goes to the audit trail, which refuses it
   * (503) if it cannot record it before the action.
   */
  @Bean
  @Order(4)
  SecurityFilterChain api(HttpSecurity http, ApiKeyService keys, AuditTrail audit,
      ObjectProvider<JwtDecoder> tokens, SsoGroups groups, LoginThrottle throttle) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    // The TAXII 2.1 server signs in like the API: HTTP Basic or a vendor's X-Api-Key.
    http.securityMatcher(new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/v3/api-docs"), paths.matcher("/v3/api-docs/**"),
            paths.matcher("/taxii2"), paths.matcher("/taxii2/**")))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher("/api/admin/**")).hasAuthority(ADMIN_AUTHORITY)
            .anyRequest().authenticated());
    bearerTokens(http, tokens, groups, throttle, audit, SignInDetails.API_BEARER);
    return stateless(http, SignInDetails.API)
        .addFilterBefore(new ApiKeyAuthenticationFilter(keys, ENTRY_POINT), BasicAuthenticationFilter.class)
        .addFilterAfter(audit.filter(), SecurityContextHolderFilter.class)
        .addFilterAfter(audit.beforeAction(), AuthorizationFilter.class)
        .build();
  }

  /**
   * Spring Boot's actuator: health (status only, for load balancers and Kubernetes probes) is public; its details,
   * the metrics and everything else need HTTP Basic credentials of an administrator, or of a scraper in the
   * monitoring group for the metrics.
   */
  @Bean
  @Order(5)
  SecurityFilterChain actuator(HttpSecurity http) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(paths.matcher("/actuator/**"))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**")).permitAll()
            .requestMatchers(paths.matcher("/actuator/prometheus")).hasAnyAuthority(ADMIN_AUTHORITY, MONITORING_AUTHORITY)
            .anyRequest().hasAuthority(ADMIN_AUTHORITY));
    return stateless(http, SignInDetails.API).build();
  }

  /**
   * Bearer tokens (JWT) of the identity provider, once spring.security.oauth2.resourceserver.jwt.issuer-uri is set
   * (Spring Boot then provides the decoder, which checks signature, issuer and expiry): beside HTTP Basic and API keys,
   * throttled and audited like a password ({@link BearerTokenSignIn}), refused with a plain problem+json.
   */
  private static void bearerTokens(HttpSecurity http, ObjectProvider<JwtDecoder> tokens, SsoGroups groups, LoginThrottle throttle,
      AuditTrail audit, String surface) throws Exception {
    JwtDecoder decoder = tokens.getIfAvailable();
    if (decoder != null) {
      BearerTokenSignIn signIn = new BearerTokenSignIn(decoder, groups, throttle, audit, surface);
      http.oauth2ResourceServer(server -> server.authenticationEntryPoint(ENTRY_POINT).accessDeniedHandler(ENTRY_POINT)
          .jwt(jwt -> jwt.authenticationManager(signIn)));
    }
  }

  private static HttpSecurity stateless(HttpSecurity http, String surface) throws Exception {
    return http
        .httpBasic(basic -> basic.authenticationEntryPoint(ENTRY_POINT).authenticationDetailsSource(SignInDetails.source(surface)))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(ENTRY_POINT).accessDeniedHandler(ENTRY_POINT))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // JSON only: nothing here may be framed, run scripts or leak its address in a referrer.
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        // Stateless: credentials come with every request and no cookie is ever set, so no CSRF.
        .csrf(csrf -> csrf.disable());
  }

  static boolean mayUseEngine(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
      return false;
    }
    return authentication.getAuthorities().stream().map(a -> a.getAuthority())
        .filter(a -> a.startsWith(Groups.AUTHORITY_PREFIX))
        .map(a -> a.substring(Groups.AUTHORITY_PREFIX.length()))
        .anyMatch(group -> group.equals(Groups.COORDINATORS) || group.equals(Groups.LEGAL)
            || group.equals(Groups.ADMINS) || group.startsWith(Groups.UNIT_PREFIX));
  }

  /**
   * The product's own pages (board, dossier, statistics): a form sign-in, and the identity provider's once a client
   * registration is configured ({@link SsoSignIn}), with a session and CSRF tokens. Scripts and styles come only from the product's own files, never inline, so text from
   * a tip that slipped through escaping still could not run. A state-changing request (not the sign-in or
   * sign-out) is refused with a page if the audit trail cannot record it.
   */
  @Bean
  @Order(6)
  SecurityFilterChain pages(HttpSecurity http, AuditTrail audit, ObjectProvider<ClientRegistrationRepository> clients,
      SsoGroups groups) throws Exception {
    ClientRegistrationRepository registrations = clients.getIfAvailable();
    if (registrations != null) {
      // Single sign-on beside the form: "Sign in with …" on /login. Signing out ends the session here, which also holds
      // the sign-in of Camunda's webapps, and then the session at the identity provider (RP-initiated logout).
      OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
      signedOut.setPostLogoutRedirectUri("{baseUrl}/login?logout");
      signedOut.setDefaultTargetUrl("/login?logout");
      http.oauth2Login(login -> login.loginPage("/login")
              .userInfoEndpoint(users -> users.oidcUserService(SsoSignIn.users(groups)))
              .successHandler(SsoSignIn.success(audit, pageRequestCache()))
              .failureHandler(SsoSignIn.failure(audit)))
          .logout(logout -> logout.logoutSuccessHandler(signedOut));
    } else {
      http.logout(logout -> logout.logoutSuccessUrl("/login?logout"));
    }
    String csp = PAGES_CSP.replace("form-action 'self'", "form-action 'self'" + signOutOrigins(registrations));
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/login", "/error", "/css/**", "/webjars/**",
                "/favicon.ico").permitAll()
            .anyRequest().authenticated())
        // The board's own refresh (htmx) after the session ended: a 401 it ignores, not the login page inside the board,
        // and never the page to return to after signing in.
        .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
            new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), new RequestHeaderRequestMatcher("HX-Request")))
        .requestCache(cache -> cache.requestCache(pageRequestCache()))
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
            .authenticationDetailsSource(SignInDetails.source(SignInDetails.FORM)).failureHandler(FORM_FAILURE))
        .headers(headers -> headers
            .contentSecurityPolicy(policy -> policy.policyDirectives(csp))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
        .addFilterAfter(audit.beforeAction(), AuthorizationFilter.class)
        .build();
  }

  /**
   * The identity providers' sign-out addresses, which the sign-out form's answer redirects to: a browser enforces
   * form-action on that redirect too.
   */
  private static String signOutOrigins(ClientRegistrationRepository registrations) {
    Set<String> origins = new LinkedHashSet<>();
    if (registrations instanceof Iterable<?> all) {
      for (Object each : all) {
        if (each instanceof ClientRegistration registration
            && registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint") instanceof String endpoint) {
          URI uri = URI.create(endpoint);
          origins.add(" " + uri.getScheme() + "://" + uri.getRawAuthority());
        }
      }
    }
    return String.join("", origins);
  }

  private static HttpSessionRequestCache pageRequestCache() {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setRequestMatcher(new NegatedRequestMatcher(new RequestHeaderRequestMatcher("HX-Request")));
    return cache;
  }

  /** No inline script or style, no eval, nothing from another origin, no framing. */
  static final String PAGES_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
