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
 * with a stack trace of some hundred lines; this filter drops exactly those events, the ones whose
 * throwable is (or wraps) a {@link TaskInput.Refused}. Every other error keeps its stack trace.
 */
@Component
class RefusalLogFilter extends TurboFilter {

  static final String NAME = "takedown-refusals";

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
