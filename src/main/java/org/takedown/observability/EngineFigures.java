package org.takedown.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.takedown.system.Figures;

/**
 * The engine's figures as metrics. Job counts come straight from the engine's own metrics registry, which this plugin
 * extends to keep running totals on this node (the engine itself only writes them to ACT_RU_METER_LOG every 15
 * minutes, summed over all nodes). The job backlog and open incidents are one aggregate query each, cached.
 */
@Component
class EngineFigures extends AbstractProcessEnginePlugin implements MeterBinder {

  /** The engine's job metrics, as Prometheus counters (name, help). */
  private static final Map<String, String[]> JOB_COUNTERS = new LinkedHashMap<>();

  static {
    JOB_COUNTERS.put(Metrics.JOB_ACQUISITION_ATTEMPT, new String[] {"camunda.job.acquisition.attempts", "Job acquisition cycles of this node's job executor"});
    JOB_COUNTERS.put(Metrics.JOB_ACQUIRED_SUCCESS, new String[] {"camunda.jobs.acquired", "Jobs this node acquired (locked) to run"});
    JOB_COUNTERS.put(Metrics.JOB_ACQUIRED_FAILURE, new String[] {"camunda.jobs.acquisition.failed", "Jobs this node tried to lock but another node locked first"});
    JOB_COUNTERS.put(Metrics.JOB_EXECUTION_REJECTED, new String[] {"camunda.jobs.rejected", "Acquired jobs the executor's thread pool had no room for (they run later)"});
    JOB_COUNTERS.put(Metrics.JOB_SUCCESSFUL, new String[] {"camunda.jobs.successful", "Jobs that ran successfully on this node"});
    JOB_COUNTERS.put(Metrics.JOB_FAILED, new String[] {"camunda.jobs.failed", "Job runs that failed on this node (each retry counts)"});
  }

  /** The incident types the product raises: a job out of retries, a broken custody chain; any other type counts as other. */
  static final String[] INCIDENT_TYPES = {"failedJob", "custodyBreak", "other"};

  private final Map<String, LongAdder> totals = new HashMap<>();
  private final AtomicLong lastAcquisitionAttempt = new AtomicLong(System.currentTimeMillis());
  private final ObjectProvider<ManagementService> management;
  private final ObjectProvider<JdbcTemplate> jdbc;
  private final Supplier<Long> backlog;
  private final Supplier<Map<String, Long>> incidents;

  EngineFigures(ObjectProvider<ManagementService> management, ObjectProvider<JdbcTemplate> jdbc, Figures figures) {
    this.management = management;
    this.jdbc = jdbc;
    JOB_COUNTERS.keySet().forEach(name -> totals.put(name, new LongAdder()));
    this.backlog = figures.cached(this::countDueJobs);
    this.incidents = figures.cached(this::countIncidents);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setMetricsRegistry(new MetricsRegistry() {
      @Override
      public void markOccurrence(String name, long times) {
        super.markOccurrence(name, times);
        LongAdder total = totals.get(name);
        if (total != null) {
          total.add(times);
        }
        if (Metrics.JOB_ACQUISITION_ATTEMPT.equals(name)) {
          lastAcquisitionAttempt.set(System.currentTimeMillis());
        }
      }
    });
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    JOB_COUNTERS.forEach((engineName, meter) -> FunctionCounter.builder(meter[0], totals.get(engineName), LongAdder::doubleValue)
        .description(meter[1] + " (engine metric " + engineName + ")").register(registry));
    Gauge.builder("camunda.jobs.due", backlog, Supplier::get)
        .description("Jobs due now that no job executor has locked: the backlog waiting for a free thread or node")
        .register(registry);
    for (String type : INCIDENT_TYPES) {
      Gauge.builder("camunda.incidents", incidents, counts -> counts.get().getOrDefault(type, 0L))
          .description("Open incidents by type: each waits for an operator in Cockpit").tag("type", type).register(registry);
    }
  }

  /** When this node's job executor last looked for jobs. */
  Instant lastAcquisitionAttempt() {
    return Instant.ofEpochMilli(lastAcquisitionAttempt.get());
  }

  long dueJobs() {
    return backlog.get();
  }

  /** Executable (retries left, active), due, and not locked, as the acquisition sees them. */
  private long countDueJobs() {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    Long count = jdbc.getObject().queryForObject("select count(*) from " + management.getObject().getTableName(JobEntity.class)
        + " where RETRIES_ > 0 and SUSPENSION_STATE_ = 1 and (DUEDATE_ is null or DUEDATE_ <= ?)"
        + " and (LOCK_OWNER_ is null or LOCK_EXP_TIME_ < ?)", Long.class, now, now);
    return count == null ? 0 : count;
  }

  private Map<String, Long> countIncidents() {
    Map<String, Long> counts = new HashMap<>();
    List<String> known = List.of(INCIDENT_TYPES);
    jdbc.getObject().query("select INCIDENT_TYPE_, count(*) from " + management.getObject().getTableName(IncidentEntity.class)
        + " group by INCIDENT_TYPE_", row -> {
          counts.merge(known.contains(row.getString(1)) ? row.getString(1) : "other", row.getLong(2), Long::sum);
        });
    return counts;
  }
}
