package dev.offboarding.suprsend.worker;

import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendListApi;
import dev.offboarding.suprsend.client.SuprSendTriggerApi;
import dev.offboarding.suprsend.client.SuprSendUserApi;
import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUserImpl;
import dev.offboarding.suprsend.nexus.SuprSendOffboardingHandler;
import dev.offboarding.suprsend.notification.NotificationsImpl;
import dev.offboarding.suprsend.notification.SuprSendNotificationImpl;
import dev.offboarding.suprsend.notification.WebhookNotificationImpl;
import dev.offboarding.suprsend.suspension.SuspensionImpl;
import dev.offboarding.suprsend.worker.logging.MdcInterceptor;
import dev.offboarding.suprsend.worker.metrics.RunMetricsInterceptor;
import dev.offboarding.suprsend.worker.metrics.WorkerMetrics;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import dev.offboarding.suprsend.workflow.UserOffboardingImpl;
import feign.Feign;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverterException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker polling the offboarding task queue: the {@code UserOffboarding} workflow with the
 * configured retry policies, and its activities (delete, suspension, webhook and SuprSend
 * notifications) with Feign clients from one metered builder. At start it registers the {@code
 * OffboardingState} search attribute when the namespace lacks it.
 */
public final class OffboardingWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OffboardingWorker.class);

  private final WorkerFactory factory;
  private final WorkerConfig config;
  private final LimitShare limitShare;

  private OffboardingWorker(WorkerFactory factory, WorkerConfig config, LimitShare limitShare) {
    this.factory = factory;
    this.config = config;
    this.limitShare = limitShare;
  }

  /** Registers everything on {@code config.taskQueue()} and starts polling; SuprSend unmetered. */
  public static OffboardingWorker start(WorkflowClient client, WorkerConfig config) {
    return start(client, config, null);
  }

  /**
   * Registers everything on {@code config.taskQueue()} and starts polling. Runs get the MDC and
   * run-metrics interceptors; SuprSend calls are metered into {@code metrics} when it is not null
   * (Temporal's own metrics go wherever the client's service stubs report).
   */
  public static OffboardingWorker start(
      WorkflowClient client, WorkerConfig config, WorkerMetrics metrics) {
    SearchAttributeSetup.ensureRegistered(client);
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            config
                .tuning()
                .applyTo(WorkerFactoryOptions.newBuilder())
                .setWorkerInterceptors(new MdcInterceptor(), new RunMetricsInterceptor())
                .build());
    WorkerOptions.Builder options = config.tuning().applyTo(WorkerOptions.newBuilder());
    if (!config.stickyExecution()) {
      // A zero sticky schedule-to-start timeout is how the SDK turns sticky execution off.
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    Worker worker = factory.newWorker(config.taskQueue(), options.build());
    worker.registerWorkflowImplementationFactory(
        UserOffboarding.class,
        () ->
            new UserOffboardingImpl(
                config.deleteRetry(),
                config.notifyRetry(),
                config.notifications().configuredChannels()),
        unreadableInputFailsTheRun());
    // Build every SuprSend client from this builder, so that each call is metered.
    Feign.Builder suprSend = SuprSendClients.builder(config.suprSend(), Clock.systemUTC());
    if (metrics != null) {
      suprSend.addCapability(metrics.suprSendCalls());
    }
    RequestPacer pacer = config.tuning().pacer();
    if (pacer != null) {
      suprSend.requestInterceptor(pacer);
    }
    SuprSendUserApi users = suprSend.target(SuprSendUserApi.class, config.suprSend().target());
    worker.registerActivitiesImplementations(new DeleteSuprSendUserImpl(users));
    worker.registerActivitiesImplementations(sagaActivities(config, suprSend).toArray());
    // The same offboarding as a Nexus operation, for callers in other namespaces.
    worker.registerNexusServiceImplementation(
        new SuprSendOffboardingHandler(
            config.taskQueue(), IdScheme.parse(System.getenv(IdScheme.VARIABLE))));
    factory.start();
    WorkerTuning tuning = config.tuning();
    // With a limit for all workers, this one paces at its share of it (the pacer exists then too).
    LimitShare limitShare =
        pacer != null && tuning.maxRequestsPerSecond() > 0
            ? LimitShare.start(
                client,
                config.taskQueue(),
                pacer,
                tuning.maxRequestsPerSecond(),
                tuning.workerRequestsPerSecond())
            : null;
    log.info(
        "Worker polling task queue '{}' (SuprSend at {}; {}; {})",
        config.taskQueue(),
        config.suprSend().baseUrl(),
        config.tuning(),
        config.notifications());
    return new OffboardingWorker(factory, config, limitShare);
  }

  /**
   * The activities of the saga besides the delete: suspension (subscriber lists) and the
   * notification activity (both channels). Tests that wrap the delete register these next to it.
   */
  public static List<Object> sagaActivities(WorkerConfig config, Feign.Builder suprSend) {
    String target = config.suprSend().target();
    return List.of(
        new SuspensionImpl(
            suprSend.target(SuprSendListApi.class, target),
            suprSend.target(SuprSendUserApi.class, target)),
        new NotificationsImpl(
            new WebhookNotificationImpl(config.notifications()),
            new SuprSendNotificationImpl(
                suprSend.target(SuprSendTriggerApi.class, target), config.notifications()),
            config.notifications()));
  }

  /**
   * A workflow input that cannot be read as an {@code OffboardingRequest} (a caller in another
   * language sent a number, an array, or an object where a string belongs) raises a {@link
   * DataConverterException}. By default Temporal fails the workflow <em>task</em> and retries it
   * forever: a stuck run that never says why. Listed here, it fails the <em>run</em> at once, with
   * Jackson's description of what did not fit. A payload this worker cannot decrypt raises a {@code
   * PayloadCodecException} instead, which is not listed: such runs wait (visible as workflow task
   * failures) until a worker with the right key picks them up.
   */
  static WorkflowImplementationOptions unreadableInputFailsTheRun() {
    return WorkflowImplementationOptions.newBuilder()
        .setFailWorkflowExceptionTypes(DataConverterException.class)
        .build();
  }

  /**
   * Stops polling for new tasks and lets running activities finish for up to {@code timeout};
   * whatever is still running then is interrupted and will be retried by Temporal elsewhere.
   *
   * @return true when everything finished in time
   */
  public boolean shutdown(Duration timeout) {
    log.info("Shutting down: no new tasks; running activities have {} to finish", timeout);
    if (limitShare != null) {
      limitShare.close();
    }
    factory.shutdown();
    factory.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    boolean finished = factory.isTerminated();
    if (!finished) {
      log.warn(
          "Activities still running after {}: stopping them; Temporal will retry them", timeout);
      factory.shutdownNow();
      factory.awaitTermination(5, TimeUnit.SECONDS);
    }
    log.info("Worker stopped");
    return finished;
  }

  /** True while polling. */
  public boolean isRunning() {
    return factory.isStarted() && !factory.isShutdown() && !factory.isTerminated();
  }

  @Override
  public void close() {
    shutdown(config.shutdownTimeout());
  }
}
