package org.takedown.observability;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * "engine" and "jobExecutor" in /actuator/health and its readiness group (Camunda's own indicators are switched off:
 * management.health.camunda.enabled=false; theirs only say whether the engine object exists).
 */
@Configuration(proxyBeanMethods = false)
class EngineHealth {

  /** The acquisition looks for jobs at least every max-wait (60 s by default) even when idle; far longer means stuck. */
  static final Duration STALLED_AFTER = Duration.ofMinutes(5);

  /** The engine answers a query on its own tables (ACT_GE_PROPERTY, a handful of rows). */
  @Bean
  HealthIndicator engineHealthIndicator(ProcessEngine engine) {
    return () -> {
      engine.getManagementService().getProperties();
      return Health.up().withDetail("name", engine.getName()).withDetail("version", ProductPropertiesUtil.getProductVersion()).build();
    };
  }

  /**
   * UP while the job executor runs and looks for jobs, with the backlog of due jobs; DOWN when it is enabled but not
   * running or has not looked for jobs for {@link #STALLED_AFTER}. A node with job execution switched off is UP: its
   * jobs run elsewhere.
   */
  @Bean
  HealthIndicator jobExecutorHealthIndicator(ObjectProvider<JobExecutor> jobExecutor, EngineFigures figures) {
    return () -> {
      JobExecutor executor = jobExecutor.getIfAvailable();
      if (executor == null) {
        return Health.up().withDetail("enabled", false).withDetail("dueJobs", figures.dueJobs()).build();
      }
      Instant lastAttempt = figures.lastAcquisitionAttempt();
      boolean stalled = lastAttempt.plus(STALLED_AFTER).isBefore(Instant.now());
      Health.Builder health = executor.isActive() && !stalled ? Health.up() : Health.down();
      health.withDetail("enabled", true).withDetail("active", executor.isActive())
          .withDetail("lastAcquisitionAttempt", lastAttempt.toString()).withDetail("dueJobs", figures.dueJobs());
      if (!executor.isActive()) {
        health.withDetail("error", "the job executor is enabled but not running: no asynchronous step or timer runs on this node");
      } else if (stalled) {
        health.withDetail("error", "the job executor has not looked for jobs since " + lastAttempt);
      }
      return health.build();
    };
  }
}
