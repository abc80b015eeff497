package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerTuningTest {

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
    env.put("SUPRSEND_API_KEY", WorkerConfigTest.KEY);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void defaultsAreTheMeasuredOnesWithoutARateLimit() {
    WorkerTuning tuning = WorkerConfig.fromEnvironment(env()).tuning();

    assertThat(tuning).isEqualTo(WorkerTuning.defaults());
    assertThat(tuning.pacer()).isNull();
    WorkerOptions options = tuning.applyTo(WorkerOptions.newBuilder()).build();
    assertThat(options.getMaxTaskQueueActivitiesPerSecond()).isZero();
    assertThat(options.getMaxWorkerActivitiesPerSecond()).isZero();
    assertThat(options.getMaxConcurrentWorkflowTaskPollers()).isEqualTo(5);
    assertThat(options.isEagerExecutionDisabled())
        .as("without a limit the delete may start in the answer to the workflow task")
        .isFalse();
  }

  @Test
  void aRateLimitTurnsEagerActivitiesOffSinceTheyPassNeitherLimit() {
    for (Map<String, String> limited :
        java.util.List.of(
            env("SUPRSEND_MAX_REQUESTS_PER_SECOND", "100"),
            env(
                "SUPRSEND_MAX_REQUESTS_PER_SECOND", "100",
                "OFFBOARDING_WORKER_REQUESTS_PER_SECOND", "0"),
            env("OFFBOARDING_WORKER_REQUESTS_PER_SECOND", "25"))) {
      WorkerOptions options =
          WorkerConfig.fromEnvironment(limited)
              .tuning()
              .applyTo(WorkerOptions.newBuilder())
              .build();

      assertThat(options.isEagerExecutionDisabled()).as(limited.toString()).isTrue();
    }
  }

  @Test
  void theRateLimitIsAppliedOnTheServerAndInTheWorker() {
    WorkerTuning tuning =
        WorkerConfig.fromEnvironment(
                env(
                    "SUPRSEND_MAX_REQUESTS_PER_SECOND", "100",
                    "OFFBOARDING_WORKFLOW_POLLERS", "4",
                    "OFFBOARDING_ACTIVITY_POLLERS", "3",
                    "OFFBOARDING_MAX_CONCURRENT_ACTIVITIES", "50",
                    "OFFBOARDING_MAX_CONCURRENT_WORKFLOW_TASKS", "20",
                    "OFFBOARDING_WORKFLOW_CACHE_SIZE", "100",
                    "OFFBOARDING_MAX_WORKFLOW_THREADS", "150"))
            .tuning();

    WorkerOptions options = tuning.applyTo(WorkerOptions.newBuilder()).build();
    assertThat(options.getMaxTaskQueueActivitiesPerSecond()).isEqualTo(100.0);
    assertThat(options.getMaxWorkerActivitiesPerSecond()).isEqualTo(100.0);
    assertThat(options.getMaxConcurrentWorkflowTaskPollers()).isEqualTo(4);
    assertThat(options.getMaxConcurrentActivityTaskPollers()).isEqualTo(3);
    assertThat(options.getMaxConcurrentActivityExecutionSize()).isEqualTo(50);
    assertThat(options.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(20);
    WorkerFactoryOptions factory = tuning.applyTo(WorkerFactoryOptions.newBuilder()).build();
    assertThat(factory.getWorkflowCacheSize()).isEqualTo(100);
    assertThat(factory.getMaxWorkflowThreadCount()).isEqualTo(150);
    assertThat(tuning.pacer().interval(TimeUnit.MILLISECONDS)).isEqualTo(10);
  }

  @Test
  void oneWorkerCanBeGivenItsShareOfTheLimit() {
    WorkerTuning tuning =
        WorkerConfig.fromEnvironment(
                env(
                    "SUPRSEND_MAX_REQUESTS_PER_SECOND", "100",
                    "OFFBOARDING_WORKER_REQUESTS_PER_SECOND", "25"))
            .tuning();

    WorkerOptions options = tuning.applyTo(WorkerOptions.newBuilder()).build();
    assertThat(options.getMaxTaskQueueActivitiesPerSecond()).isEqualTo(100.0);
    assertThat(options.getMaxWorkerActivitiesPerSecond()).isEqualTo(25.0);
  }

  @Test
  void badValuesAreListedEachNamingItsVariable() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env(
                        "SUPRSEND_MAX_REQUESTS_PER_SECOND", "-1",
                        "OFFBOARDING_WORKFLOW_POLLERS", "1",
                        "OFFBOARDING_ACTIVITY_POLLERS", "many",
                        "OFFBOARDING_WORKFLOW_CACHE_SIZE", "1000")));

    assertThat(e.problems())
        .anyMatch(
            p -> p.startsWith("SUPRSEND_MAX_REQUESTS_PER_SECOND must be a number of at least 0"))
        .anyMatch(
            p -> p.startsWith("OFFBOARDING_WORKFLOW_POLLERS must be a whole number of at least 2"))
        .anyMatch(p -> p.startsWith("OFFBOARDING_ACTIVITY_POLLERS must be a whole number"))
        .anyMatch(p -> p.contains("OFFBOARDING_MAX_WORKFLOW_THREADS (600) is smaller than"));
    ConfigException tooHigh =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env(
                        "SUPRSEND_MAX_REQUESTS_PER_SECOND", "10",
                        "OFFBOARDING_WORKER_REQUESTS_PER_SECOND", "20")));
    assertThat(tooHigh.problems())
        .anyMatch(p -> p.contains("OFFBOARDING_WORKER_REQUESTS_PER_SECOND (20.0) is higher than"));
  }

  @Test
  void thePacerSpacesRequestsEvenlyWithoutABurst() {
    RequestPacer pacer = new RequestPacer(200); // one every 5 ms
    long started = System.nanoTime();
    for (int i = 0; i < 40; i++) {
      pacer.apply(null);
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(elapsedMs).as("39 gaps of 5 ms").isGreaterThanOrEqualTo(190);
  }
}
