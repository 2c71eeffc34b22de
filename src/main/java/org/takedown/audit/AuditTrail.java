package org.takedown.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.takedown.system.OperationLogContext;

/**
 * Records every state-changing request to /api, /engine-rest, the product's pages and the emailed links, and fails
 * closed: an action whose row cannot be written is not taken ({@link #beforeAction()}). Requests refused before
 * their action are recorded after their answer ({@link #filter()}), so they are on record too. Engine actions are
 * also in Camunda's user operation log. Failed sign-ins on every surface are recorded too, but never refused for
 * want of a row ({@link #failedSignIn}). When a row cannot be written, {@link AuditAlarm} tells the operator.
 */
@Component
public class AuditTrail {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
  private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Pattern OPERATION = Pattern.compile("/operations/(OP-\\d{4}-\\d{4,})", Pattern.CASE_INSENSITIVE);
  /** An engine task or process instance acted on through /engine-rest: its operation is its business key. */
  private static final Pattern ENGINE_TASK = Pattern.compile("/engine-rest/task/([0-9A-Za-z-]{1,64})(/|$)");
  private static final Pattern ENGINE_INSTANCE = Pattern.compile("/engine-rest/process-instance/([0-9A-Za-z-]{1,64})(/|$)");
  /** An emailed link: the path up to its token. */
  private static final Pattern LINK = Pattern.compile("^(/partner/[^/]+/)[^/]+");
  /** Request attribute: the row written before the action. */
  private static final String STARTED = AuditTrail.class.getName() + ".started";

  /** Client addresses whose failed sign-ins are being counted this minute; bounded like the sign-in throttle. */
  private static final int MAX_ADDRESSES = 10_000;

  private final AuditEventRepository events;
  private final Clock clock;
  private final TransactionTemplate own;
  private final AuditAlarm alarm;
  private final AuditRefusal refusal;
  private final JdbcTemplate jdbc;
  private final int signInFailuresPerMinute;
  private final Map<String, Budget> budgets = new LinkedHashMap<>();

  AuditTrail(AuditEventRepository events, Clock clock, PlatformTransactionManager transactions, AuditAlarm alarm,
      AuditRefusal refusal, JdbcTemplate jdbc, @Value("${takedown.audit.failed-sign-ins-per-minute:20}") int signInFailuresPerMinute) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
    this.alarm = alarm;
    this.refusal = refusal;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.signInFailuresPerMinute = signInFailuresPerMinute;
  }

  /**
   * Records a failed sign-in: the user name tried (sanitised and shortened, never the password),
   * the client address, the surface (api-basic, engine-rest, form, camunda-webapp) and whether it
   * was refused by the throttle (429) or checked and wrong (401). Its own transaction, so it stays
   * although the request fails. At most {@code takedown.audit.failed-sign-ins-per-minute} rows per
   * client address and minute: beyond that, attempts are only counted, and the next row from that
   * address says how many were not recorded one by one, so a flood cannot fill the table.
   */
  public void failedSignIn(String user, String address, String surface, boolean throttled) {
    refusedSignIn(user, address, surface, throttled ? 429 : 401,
        throttled ? "refused without checking the password" : "wrong user name or password");
  }

  /**
   * Records a sign-in refused for a reason of its own, as {@link #failedSignIn} does and within the same budget per
   * address: a bearer token that has expired, is signed by another key or comes from another issuer, or a single
   * sign-on that did not complete. {@code reason} is the product's plain sentence, never the token.
   */
  public void refusedSignIn(String user, String address, String surface, int status, String reason) {
    String client = address == null ? "unknown" : clean(address, 45);
    int unrecorded = admit(client, clock.millis() / 60_000);
    if (unrecorded < 0) {
      return;
    }
    String action = (status == 429 ? "SIGN-IN THROTTLED from " : "SIGN-IN FAILED from ") + client + ": " + reason
        + (unrecorded > 0 ? "; " + unrecorded + " more failed sign-ins from this address were not recorded one by one" : "");
    AuditEvent event = new AuditEvent(clock.instant(), user == null || user.isEmpty() ? "(none)" : clean(user, 48),
        clean(surface, 16), clean(action, 300), null, status);
    save(event, "a failed sign-in of " + event.getActor() + " from " + client);
  }

  /**
   * Records a sign-in through the identity provider, with the groups it gave: such a user need not exist in the
   * product, so this row is where an administrator sees who came in with which role. Never refuses the sign-in.
   */
  public void signedIn(String user, String address, String surface, java.util.Collection<String> groups) {
    String client = address == null ? "unknown" : clean(address, 45);
    String action = "SIGNED IN from " + client + " through the identity provider, as "
        + (groups.isEmpty() ? "a member of no group" : String.join(", ", groups));
    save(new AuditEvent(clock.instant(), user == null || user.isEmpty() ? "(none)" : clean(user, 48), clean(surface, 16),
        clean(action, 300), null, 200), "a sign-in of " + user + " from " + client);
  }

  private void save(AuditEvent event, String what) {
    try {
      own.executeWithoutResult(status -> events.save(event));
    } catch (RuntimeException e) {
      // The sign-in is answered as always: refusing it too would lock every user out while the trail is down.
      alarm.failed(AuditAlarm.Kind.SIGN_IN, e);
      log.error("AUDIT TRAIL DOWN: could not record {} ({})", what, event.getAction(), e);
      return;
    }
    alarm.written();
  }

  /** -1 if this attempt is over the address's budget (counted only), else how many went unrecorded before it. */
  private synchronized int admit(String address, long minute) {
    Budget budget = budgets.remove(address);
    if (budget == null) {
      if (budgets.size() >= MAX_ADDRESSES) {
        forgetQuietAddresses();
      }
      budget = new Budget(minute, 0, 0);
    } else if (budget.minute() != minute) {
      budget = new Budget(minute, 0, budget.unrecorded());
    }
    if (budget.recorded() >= signInFailuresPerMinute) {
      budgets.put(address, new Budget(minute, budget.recorded(), budget.unrecorded() + 1));
      return -1;
    }
    budgets.put(address, new Budget(minute, budget.recorded() + 1, 0));
    return budget.unrecorded();
  }

  /** Insertion order is last-use order (admit re-inserts), so the quietest addresses come first. */
  private void forgetQuietAddresses() {
    Iterator<Map.Entry<String, Budget>> oldest = budgets.entrySet().iterator();
    while (oldest.hasNext() && budgets.size() >= MAX_ADDRESSES * 9 / 10) {
      Map.Entry<String, Budget> entry = oldest.next();
      if (entry.getValue().unrecorded() > 0) {
        log.warn("{} failed sign-ins from {} were not recorded one by one", entry.getValue().unrecorded(), entry.getKey());
      }
      oldest.remove();
    }
  }

  /** Printable text only: no control, format (bidirectional overrides) or unpaired surrogate characters. */
  static String clean(String text, int maxCodePoints) {
    StringBuilder out = new StringBuilder();
    int[] codePoints = text.codePoints().toArray();
    for (int i = 0; i < codePoints.length && i < maxCodePoints; i++) {
      int type = Character.getType(codePoints[i]);
      boolean unsafe = Character.isISOControl(codePoints[i]) || type == Character.FORMAT || type == Character.SURROGATE
          || type == Character.PRIVATE_USE || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR;
      out.appendCodePoint(unsafe ? '?' : codePoints[i]);
    }
    return codePoints.length > maxCodePoints ? out + "…" : out.toString();
  }

  private record Budget(long minute, int recorded, int unrecorded) {}

  /**
   * The outer filter of the API's and the engine REST API's security chains, where it sees every request, also
   * those refused by sign-in or authorisation (they never reach {@link #beforeAction()}): it records those after
   * their answer. Nothing was taken for them, so a failed write is an alarm, not a refusal.
   */
  public OncePerRequestFilter filter() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (!CHANGING.contains(request.getMethod())) {
          chain.doFilter(request, response);
          return;
        }
        try {
          chain.doFilter(request, response);
        } finally {
          if (request.getAttribute(STARTED) == null) {
            recordRefusal(request, response);
          }
        }
      }
    };
  }

  /**
   * The filter that fails closed, after sign-in and authorisation, just before the action: a state-changing request
   * goes on only once its row is written (STARTED, in a transaction of its own, committed before the action begins),
   * so no action is ever taken that the trail does not show. If the row cannot be written, the request is answered
   * 503 and never reaches its action. After the answer, the row gets its status; if that write fails, the row stays
   * STARTED. Sign-in and sign-out never get here (their filters come first), so an audit outage locks no one out.
   */
  public OncePerRequestFilter beforeAction() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (!CHANGING.contains(request.getMethod()) || request.getAttribute(STARTED) != null) {
          chain.doFilter(request, response);
          return;
        }
        AuditEvent event = event(request, 0);
        try {
          own.executeWithoutResult(status -> events.save(event));
          alarm.written();
        } catch (RuntimeException e) {
          alarm.failed(AuditAlarm.Kind.ACTION, e);
          log.error("AUDIT TRAIL DOWN: refused {} by {} ({}) with 503, not taken: its audit row could not be written",
              event.getAction(), event.getActor(), event.getVia(), e);
          request.setAttribute(STARTED, event); // answered here: not also a refusal without a row
          refusal.answer(request, response);
          return;
        }
        request.setAttribute(STARTED, event);
        boolean answered = false;
        try {
          chain.doFilter(request, response);
          answered = true;
        } finally {
          // an exception that leaves the chain is answered 500 by the container
          finish(event, answered ? response.getStatus() : 500, request, response);
        }
      }
    };
  }

  private void finish(AuditEvent event, int status, HttpServletRequest request, HttpServletResponse response) {
    String operation = operation(request, response);
    try {
      own.executeWithoutResult(transaction -> events.finish(event.getId(), status, AuditEvent.outcome(status), operation));
      alarm.written();
    } catch (RuntimeException e) {
      alarm.failed(AuditAlarm.Kind.OUTCOME, e);
      log.error("AUDIT TRAIL DOWN: {} by {} was taken and answered {}, but audit row {} could not be completed: it stays STARTED",
          event.getAction(), event.getActor(), status, event.getId(), e);
    }
  }

  private void recordRefusal(HttpServletRequest request, HttpServletResponse response) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    boolean signedIn = authentication != null && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken);
    String credentials = request.getHeader(HttpHeaders.AUTHORIZATION);
    int status = response.getStatus();
    if (!signedIn && credentials != null && (credentials.regionMatches(true, 0, "Basic ", 0, 6)
        || credentials.regionMatches(true, 0, "Bearer ", 0, 7)) && (status == 401 || status == 403 || status == 429)) {
      return; // a failed sign-in or refused token: already recorded by failedSignIn or refusedSignIn, within its budget per address
    }
    AuditEvent event = event(request, status);
    try {
      own.executeWithoutResult(transaction -> events.save(event));
      alarm.written();
    } catch (RuntimeException e) {
      alarm.failed(AuditAlarm.Kind.REFUSAL, e);
      log.error("AUDIT TRAIL DOWN: could not record {} by {}, refused with {} (nothing was taken)", event.getAction(),
          event.getActor(), status, e);
    }
  }

  /** Who (as signed in; an emailed link's token is its only credential), how, what and on which operation. */
  private AuditEvent event(HttpServletRequest request, int status) {
    String path = request.getRequestURI();
    Matcher link = LINK.matcher(path.substring(request.getContextPath().length()));
    if (link.find()) {
      // the token authorises: never written down
      return new AuditEvent(clock.instant(), "emailed link", "link", request.getMethod() + " " + link.group(1) + "…",
          MDC.get(OperationLogContext.KEY), status);
    }
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    boolean signedIn = authentication != null && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken);
    String via = !signedIn ? "none" : via(authentication);
    String operation = operation(path);
    return new AuditEvent(clock.instant(), signedIn ? authentication.getName() : "anonymous", via,
        request.getMethod() + " " + path, operation != null ? operation : engineOperation(path), status);
  }

  /** How the caller signed in: the marker authorities of security's API key, bearer token and single sign-on. */
  private static String via(Authentication authentication) {
    java.util.Set<String> markers = new java.util.HashSet<>();
    authentication.getAuthorities().forEach(a -> markers.add(a.getAuthority()));
    return markers.contains("API_KEY") ? "api-key" : markers.contains("SIGNED_IN_BEARER") ? "bearer-token"
        : markers.contains("SIGNED_IN_SSO") ? "sso" : "password";
  }

  /**
   * The operation of the task or process instance an /engine-rest request acts on, read before the action (a completed
   * task is gone after it). Read from the engine's tables, not its API, which would answer only what the caller may see.
   */
  private String engineOperation(String path) {
    try {
      Matcher task = ENGINE_TASK.matcher(path);
      if (task.find()) {
        return first(jdbc.queryForList("select e.BUSINESS_KEY_ from ACT_RU_TASK t join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_"
            + " where t.ID_ = ?", String.class, task.group(1)));
      }
      Matcher instance = ENGINE_INSTANCE.matcher(path);
      if (instance.find()) {
        return first(jdbc.queryForList("select BUSINESS_KEY_ from ACT_RU_EXECUTION where ID_ = ?", String.class, instance.group(1)));
      }
    } catch (DataAccessException e) {
      // the row matters more than its operation: if the database is down, writing the row fails next and refuses the action
      log.warn("Could not read the operation of {}: {}", path, e.toString());
    }
    return null;
  }

  private static String first(java.util.List<String> values) {
    return values.isEmpty() ? null : values.get(0);
  }

  /** From the address, else the Location of what was created, else what the request's handler named (an emailed link). */
  private static String operation(HttpServletRequest request, HttpServletResponse response) {
    String operation = operation(request.getRequestURI());
    if (operation == null && response.getHeader(HttpHeaders.LOCATION) != null) {
      operation = operation(response.getHeader(HttpHeaders.LOCATION));
    }
    return operation != null ? operation : MDC.get(OperationLogContext.KEY);
  }

  private static String operation(String path) {
    Matcher matcher = OPERATION.matcher(path);
    return matcher.find() ? matcher.group(1).toUpperCase(Locale.ROOT) : null;
  }
}
