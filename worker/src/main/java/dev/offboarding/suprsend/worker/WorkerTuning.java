package dev.offboarding.suprsend.worker;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.List;

/**
 * How hard one worker pushes: SuprSend's request rate, Temporal pollers and slots, and the workflow
 * cache. The defaults were measured with {@code ./offboard bench} (docs/benchmarks.md); every
 * figure can be overridden through its variable.
 *
 * @param maxRequestsPerSecond SuprSend requests per second for the whole task queue, enforced by
 *     the Temporal server across every worker ({@code 0}: no limit)
 * @param workerRequestsPerSecond SuprSend requests per second of this one worker, enforced by the
 *     worker itself ({@code 0}: no limit); defaults to {@code maxRequestsPerSecond}, which is what
 *     a lone worker, or any worker on a server that ignores the task-queue limit, needs
 * @param workflowPollers concurrent workflow task polls
 * @param activityPollers concurrent activity task polls
 * @param maxConcurrentActivities activity attempts running at once (each is one HTTP call)
 * @param maxConcurrentWorkflowTasks workflow tasks processed at once
 * @param workflowCacheSize runs kept in memory between their tasks (sticky execution)
 * @param maxWorkflowThreads threads for cached runs (each cached run holds one)
 */
public record WorkerTuning(
    double maxRequestsPerSecond,
    double workerRequestsPerSecond,
    int workflowPollers,
    int activityPollers,
    int maxConcurrentActivities,
    int maxConcurrentWorkflowTasks,
    int workflowCacheSize,
    int maxWorkflowThreads) {

  public static final String MAX_REQUESTS_PER_SECOND = "SUPRSEND_MAX_REQUESTS_PER_SECOND";
  public static final String WORKER_REQUESTS_PER_SECOND = "OFFBOARDING_WORKER_REQUESTS_PER_SECOND";

  /**
   * The defaults: Temporal's own. Measured with {@code ./offboard bench} (docs/benchmarks.md): the
   * run is CPU-bound, and 2, 5, 8 or 16 pollers made no difference beyond noise.
   */
  public static WorkerTuning defaults() {
    return new WorkerTuning(0, 0, 5, 5, 200, 200, 600, 600);
  }

  /** This project's tuning variables, with their defaults, for {@link WorkerConfig#VARIABLES}. */
  public static final List<WorkerConfig.Variable> VARIABLES =
      List.of(
          new WorkerConfig.Variable(
              MAX_REQUESTS_PER_SECOND,
              "0",
              "SuprSend requests per second for all workers together (Temporal's task-queue"
                  + " activity rate limit); 0: no limit"),
          new WorkerConfig.Variable(
              WORKER_REQUESTS_PER_SECOND,
              "(" + MAX_REQUESTS_PER_SECOND + ")",
              "SuprSend requests per second of this worker, spaced evenly; 0: no limit"),
          new WorkerConfig.Variable(
              "OFFBOARDING_WORKFLOW_POLLERS", "5", "concurrent workflow task polls"),
          new WorkerConfig.Variable(
              "OFFBOARDING_ACTIVITY_POLLERS", "5", "concurrent activity task polls"),
          new WorkerConfig.Variable(
              "OFFBOARDING_MAX_CONCURRENT_ACTIVITIES",
              "200",
              "delete attempts (HTTP calls) running at once"),
          new WorkerConfig.Variable(
              "OFFBOARDING_MAX_CONCURRENT_WORKFLOW_TASKS",
              "200",
              "workflow tasks processed at once"),
          new WorkerConfig.Variable(
              "OFFBOARDING_WORKFLOW_CACHE_SIZE",
              "600",
              "runs kept in memory between their tasks (sticky cache)"),
          new WorkerConfig.Variable(
              "OFFBOARDING_MAX_WORKFLOW_THREADS",
              "600",
              "threads for cached runs (at least the cache size)"));

  /** Reads the tuning variables, adding every problem to {@code e}. */
  static WorkerTuning from(Env e) {
    WorkerTuning d = defaults();
    double total = e.decimal(MAX_REQUESTS_PER_SECOND, d.maxRequestsPerSecond(), 0);
    double worker = e.decimal(WORKER_REQUESTS_PER_SECOND, total, 0);
    if (total > 0 && worker > total) {
      e.problem(
          WORKER_REQUESTS_PER_SECOND
              + " ("
              + worker
              + ") is higher than "
              + MAX_REQUESTS_PER_SECOND
              + " ("
              + total
              + "): one worker may not exceed the limit for all of them");
    }
    int cache = e.integer("OFFBOARDING_WORKFLOW_CACHE_SIZE", d.workflowCacheSize(), 0);
    int threads = e.integer("OFFBOARDING_MAX_WORKFLOW_THREADS", d.maxWorkflowThreads(), 1);
    if (threads < cache) {
      e.problem(
          "OFFBOARDING_MAX_WORKFLOW_THREADS ("
              + threads
              + ") is smaller than OFFBOARDING_WORKFLOW_CACHE_SIZE ("
              + cache
              + "): every cached run holds a thread");
    }
    int workflowPollers = e.integer("OFFBOARDING_WORKFLOW_POLLERS", d.workflowPollers(), 2);
    int workflowTasks =
        e.integer("OFFBOARDING_MAX_CONCURRENT_WORKFLOW_TASKS", d.maxConcurrentWorkflowTasks(), 2);
    return new WorkerTuning(
        total,
        worker,
        workflowPollers,
        e.integer("OFFBOARDING_ACTIVITY_POLLERS", d.activityPollers(), 1),
        e.integer("OFFBOARDING_MAX_CONCURRENT_ACTIVITIES", d.maxConcurrentActivities(), 1),
        workflowTasks,
        cache,
        threads);
  }

  /** Applies the pollers, slots and rate limits to a worker's options. */
  WorkerOptions.Builder applyTo(WorkerOptions.Builder options) {
    options
        .setMaxConcurrentWorkflowTaskPollers(workflowPollers)
        .setMaxConcurrentActivityTaskPollers(activityPollers)
        .setMaxConcurrentActivityExecutionSize(maxConcurrentActivities)
        .setMaxConcurrentWorkflowTaskExecutionSize(maxConcurrentWorkflowTasks);
    if (maxRequestsPerSecond > 0) {
      // Enforced by the Temporal server for the task queue, across every worker polling it.
      options.setMaxTaskQueueActivitiesPerSecond(maxRequestsPerSecond);
    }
    if (workerRequestsPerSecond > 0) {
      // Enforced by this worker's poller: the only limit on servers that ignore the one above.
      options.setMaxWorkerActivitiesPerSecond(workerRequestsPerSecond);
    }
    if (maxRequestsPerSecond > 0 || workerRequestsPerSecond > 0) {
      // An eagerly started activity comes back in the answer to the workflow task that scheduled
      // it, past the task queue and the poller, so past both limits: with a limit, none is eager.
      options.setDisableEagerExecution(true);
    }
    return options;
  }

  /** Applies the cache and thread sizes to the worker factory's options. */
  WorkerFactoryOptions.Builder applyTo(WorkerFactoryOptions.Builder options) {
    return options
        .setWorkflowCacheSize(workflowCacheSize)
        .setMaxWorkflowThreadCount(maxWorkflowThreads);
  }

  /**
   * Calls are spaced for this share of the limit. At exactly the limit a token-bucket limiter never
   * refills: every request that arrives early (network or scheduling jitter) spends burst that is
   * never won back, and soon one is answered 429. At 95 % the bucket regains five requests' worth a
   * second (measured: 7.7 % of requests answered 429 at 100 %, none at 95 %).
   */
  static final double PACING_SHARE = 0.95;

  /** The pacer for this worker's SuprSend calls, or null without a limit. */
  RequestPacer pacer() {
    return workerRequestsPerSecond > 0
        ? new RequestPacer(workerRequestsPerSecond * PACING_SHARE)
        : null;
  }
}
