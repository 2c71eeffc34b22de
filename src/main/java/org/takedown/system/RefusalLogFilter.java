package org.takedown.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A refused task input is logged once, as a WARN line by {@link TaskInput}. The engine's command
 * context, its task-listener invocation and the REST layers would each log it again as an ERROR
 * with a stack trace of some hundred lines; this filter drops exactly those events: the ones whose
 * throwable is (or wraps) a {@link TaskInput.Refused}, and the REST layer's text line about a request
 * the engine refused. Every other error keeps its stack trace.
 */
@Component
class RefusalLogFilter extends TurboFilter {

  static final String NAME = "takedown-refusals";
  private static final String WEBAPP_REST = "org.camunda.bpm.engine.rest";

  RefusalLogFilter() {
    setName(NAME);
  }

  /** Installed after start-up: Spring Boot resets Logback's configuration while it starts. */
  @EventListener(ContextRefreshedEvent.class)
  void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        && context.getTurboFilterList().stream().noneMatch(f -> NAME.equals(f.getName()))) {
      start();
      context.addTurboFilter(this);
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.INFO) || TaskInput.class.getName().equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    if (TaskInput.Refused.in(t) != null) {
      return FilterReply.DENY;
    }
    // The webapp REST layer logs its exceptions as text (the stack trace is in the message), so its
    // line is known by the refusal of the request being served (Tasklist's completion, see TasklistRefusals).
    if (logger.getName().startsWith(WEBAPP_REST) && Refusals.current() != null) {
      return FilterReply.DENY;
    }
    if (params != null) {
      for (Object param : params) {
        if (param instanceof Throwable thrown && TaskInput.Refused.in(thrown) != null) {
          return FilterReply.DENY;
        }
      }
    }
    return FilterReply.NEUTRAL;
  }
}
