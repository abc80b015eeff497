package dev.offboarding.suprsend.worker;

import dev.offboarding.suprsend.client.RetryAfter;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.contract.DistinctIds;
import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.notification.NotifySettings;
import dev.offboarding.suprsend.worker.encryption.CodecServerConfig;
import dev.offboarding.suprsend.worker.encryption.EncryptionKeys;
import dev.offboarding.suprsend.worker.logging.LogFormat;
import dev.offboarding.suprsend.workflow.RetrySettings;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worker's whole configuration, typed and validated. Built from the environment; Temporal's own
 * connection settings (address, namespace, API key, TLS, TOML profiles) are read by {@link
 * TemporalConnection} through {@code temporal-envconfig}.
 *
 * @param suprSend how to reach SuprSend
 * @param taskQueue the task queue to poll
 * @param deleteRetry the durable retry policy for the delete
 * @param shutdownTimeout how long running activities may finish after SIGTERM
 * @param tuning pollers, slots, cache and SuprSend's request rate (see {@link WorkerTuning})
 * @param stickyExecution whether workflow tasks go back to the worker that has the run cached
 *     (Temporal's default); off only for Temporal's Java test server, see {@link #STICKY_EXECUTION}
 * @param metricsPort the port of {@code /metrics}, {@code /healthz} and {@code /readyz} (0: any
 *     free port, for tests)
 * @param metricsBind the address that port listens on: loopback unless {@value #METRICS_BIND} says
 *     otherwise
 * @param logFormat {@code text} or {@code json} (Logback reads it too, see logback.xml)
 * @param notifications where notifications go (webhook, SuprSend trigger); {@code toString()} hides
 *     the webhook secret
 * @param notifyRetry the retry policy of each notification
 */
public record WorkerConfig(
    SuprSendSettings suprSend,
    String taskQueue,
    RetrySettings deleteRetry,
    Duration shutdownTimeout,
    boolean stickyExecution,
    int metricsPort,
    InetAddress metricsBind,
    LogFormat logFormat,
    WorkerTuning tuning,
    NotifySettings notifications,
    RetrySettings notifyRetry) {

  /** Without notifications (none configured, default retries). */
  public WorkerConfig(
      SuprSendSettings suprSend,
      String taskQueue,
      RetrySettings deleteRetry,
      Duration shutdownTimeout,
      boolean stickyExecution,
      int metricsPort,
      LogFormat logFormat,
      WorkerTuning tuning) {
    this(
        suprSend,
        taskQueue,
        deleteRetry,
        shutdownTimeout,
        stickyExecution,
        metricsPort,
        InetAddress.getLoopbackAddress(),
        logFormat,
        tuning,
        NotifySettings.none(),
        RetrySettings.notification());
  }

  /** The shortest webhook secret accepted: HMAC keys shorter than this are guessable. */
  static final int MIN_SECRET_CHARS = 16;

  /**
   * {@code false} sends every workflow task to the shared task queue instead of the sticky queue of
   * the worker that ran the previous one. A real Temporal server moves a dead worker's sticky tasks
   * back after 5 s; Temporal's Java test server never does, so tests that kill workers turn it off.
   */
  public static final String STICKY_EXECUTION = "OFFBOARDING_STICKY_EXECUTION";

  /** The Prometheus exporter's customary port. */
  public static final int DEFAULT_METRICS_PORT = 9464;

  /**
   * The listen address of {@code /metrics}, {@code /healthz} and {@code /readyz}. Loopback by
   * default: the metrics name task queues and error rates, and {@code /readyz} is an
   * unauthenticated endpoint that anyone who reaches it can call.
   */
  public static final String METRICS_BIND = "OFFBOARDING_METRICS_BIND";

  public static final String DEFAULT_METRICS_BIND = "127.0.0.1";

  /**
   * One documented setting.
   *
   * @param secret true when the value must never be printed (tests search logs for it)
   */
  public record Variable(String name, String defaultValue, String meaning, boolean secret) {

    public Variable(String name, String defaultValue, String meaning) {
      this(name, defaultValue, meaning, false);
    }
  }

  /** Every variable this project reads itself, for docs/configuration.md and the drift test. */
  public static final List<Variable> VARIABLES =
      withTuning(
          List.of(
              new Variable(
                  "SUPRSEND_API_KEY", "(required)", "SuprSend workspace API key (Bearer)", true),
              new Variable(
                  "SUPRSEND_BASE_URL",
                  SuprSendSettings.DEFAULT_BASE_URL.toString(),
                  "SuprSend hub URL (self-hosted hubs use their own); https unless the host is"
                      + " loopback"),
              new Variable(
                  SuprSendSettings.ALLOW_INSECURE_HTTP,
                  "false",
                  "true: allow SUPRSEND_BASE_URL over plain http to a host that is not loopback"
                      + " (the API key travels in clear; only on a private network)"),
              new Variable("SUPRSEND_CONNECT_TIMEOUT", "5s", "TCP connect timeout per request"),
              new Variable("SUPRSEND_READ_TIMEOUT", "30s", "time to wait for SuprSend's answer"),
              new Variable(
                  "SUPRSEND_RETRY_AFTER_CAP",
                  "10m",
                  "longest Retry-After honoured for one attempt"),
              new Variable(
                  "OFFBOARDING_TASK_QUEUE",
                  OffboardingIds.DEFAULT_TASK_QUEUE,
                  "task queue to poll"),
              new Variable(
                  "OFFBOARDING_RETRY_INITIAL_INTERVAL",
                  "1s",
                  "wait before the second delete attempt"),
              new Variable("OFFBOARDING_RETRY_BACKOFF", "2.0", "growth factor between attempts"),
              new Variable(
                  "OFFBOARDING_RETRY_MAX_INTERVAL", "10m", "longest wait between attempts"),
              new Variable("OFFBOARDING_RETRY_WINDOW", "7d", "how long to keep retrying in all"),
              new Variable("OFFBOARDING_ATTEMPT_TIMEOUT", "60s", "how long one attempt may take"),
              new Variable(
                  "OFFBOARDING_SHUTDOWN_TIMEOUT",
                  "30s",
                  "on SIGTERM, how long running activities may finish"),
              new Variable(
                  "OFFBOARDING_WEBHOOK_URL",
                  "(unset: no webhook)",
                  "http(s) URL that receives every offboarding event as a signed JSON POST"),
              new Variable(
                  "OFFBOARDING_WEBHOOK_SECRET",
                  "(unset: unsigned)",
                  "HMAC-SHA256 key (at least 16 characters) signing each webhook",
                  true),
              new Variable(
                  "SUPRSEND_NOTIFY_WORKFLOW",
                  "(unset: no trigger)",
                  "slug of the SuprSend workflow triggered for every offboarding event"),
              new Variable(
                  "SUPRSEND_NOTIFY_RECIPIENTS",
                  "(unset)",
                  "comma-separated distinct ids of internal recipients (at most 100; never the"
                      + " user being offboarded)"),
              new Variable(
                  "OFFBOARDING_NOTIFY_RETRY_WINDOW",
                  "3d",
                  "how long each notification is retried before it is recorded as failed"),
              new Variable(
                  STICKY_EXECUTION,
                  "true",
                  "false: no sticky workflow tasks (only for Temporal's Java test server)"),
              new Variable(
                  "OFFBOARDING_METRICS_PORT",
                  String.valueOf(DEFAULT_METRICS_PORT),
                  "port of the worker's /metrics (Prometheus), /healthz and /readyz"),
              new Variable(
                  METRICS_BIND,
                  DEFAULT_METRICS_BIND,
                  "IP address that port listens on; 0.0.0.0 (every interface) only inside a"
                      + " container or behind a firewall: the endpoint has no authentication"),
              new Variable(
                  "OFFBOARDING_LOG_FORMAT",
                  "text",
                  "log format: text, or json (one object a line)"),
              new Variable(
                  "OFFBOARDING_LOG_LEVEL", "INFO", "log level: TRACE, DEBUG, INFO, WARN or ERROR"),
              new Variable(
                  EncryptionKeys.VARIABLE,
                  "(none: payloads in clear)",
                  "AES-256 keys for Temporal payloads, keyId:base64key[,keyId:base64key]; the first"
                      + " encrypts, all decrypt",
                  true),
              new Variable(
                  IdScheme.VARIABLE,
                  "plain",
                  "workflow ids: plain (suprsend-offboarding:<id>) or sha256"
                      + " (suprsend-offboarding:sha256:<hex>)"),
              new Variable(
                  CodecServerConfig.TOKEN,
                  "(required by codec-server)",
                  "bearer token the codec server requires",
                  true),
              new Variable(
                  CodecServerConfig.PORT,
                  String.valueOf(CodecServerConfig.DEFAULT_PORT),
                  "codec server port"),
              new Variable(
                  CodecServerConfig.BIND,
                  "127.0.0.1",
                  "codec server listen address (0.0.0.0 in a container)"),
              new Variable(
                  CodecServerConfig.CORS_ORIGINS,
                  CodecServerConfig.DEFAULT_ORIGIN,
                  "origins (comma-separated) whose browsers may call the codec server: the Temporal UI")));

  private static List<Variable> withTuning(List<Variable> variables) {
    return java.util.stream.Stream.concat(variables.stream(), WorkerTuning.VARIABLES.stream())
        .toList();
  }

  private static final List<String> LOG_LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** Reads and validates {@code env}; throws {@link ConfigException} listing every problem. */
  public static WorkerConfig fromEnvironment(Map<String, String> env) {
    Env e = new Env(env);
    String apiKey =
        e.required(
            "SUPRSEND_API_KEY",
            "set it to a SuprSend workspace API key (SuprSend dashboard, Developers -> API Keys)");
    SuprSendSettings suprSend =
        new SuprSendSettings(
            e.httpUrl("SUPRSEND_BASE_URL", SuprSendSettings.DEFAULT_BASE_URL),
            apiKey == null ? "" : apiKey,
            e.duration("SUPRSEND_CONNECT_TIMEOUT", SuprSendSettings.DEFAULT_CONNECT_TIMEOUT),
            e.duration("SUPRSEND_READ_TIMEOUT", SuprSendSettings.DEFAULT_READ_TIMEOUT),
            e.duration("SUPRSEND_RETRY_AFTER_CAP", RetryAfter.DEFAULT_CAP));
    String inClear =
        SuprSendSettings.transportProblem(
            suprSend.baseUrl(), e.bool(SuprSendSettings.ALLOW_INSECURE_HTTP, false));
    if (inClear != null) {
      e.problem(inClear);
    }
    String taskQueue = e.string("OFFBOARDING_TASK_QUEUE", OffboardingIds.DEFAULT_TASK_QUEUE);

    RetrySettings defaults = RetrySettings.delete();
    Duration initial = e.duration("OFFBOARDING_RETRY_INITIAL_INTERVAL", defaults.initialInterval());
    double backoff = e.decimal("OFFBOARDING_RETRY_BACKOFF", defaults.backoffCoefficient(), 1.0);
    Duration maxInterval = e.duration("OFFBOARDING_RETRY_MAX_INTERVAL", defaults.maximumInterval());
    Duration window = e.duration("OFFBOARDING_RETRY_WINDOW", defaults.retryWindow());
    Duration attemptTimeout = e.duration("OFFBOARDING_ATTEMPT_TIMEOUT", defaults.attemptTimeout());
    Duration shutdown = e.duration("OFFBOARDING_SHUTDOWN_TIMEOUT", Duration.ofSeconds(30));
    boolean sticky = e.bool(STICKY_EXECUTION, true);
    int metricsPort = e.integer("OFFBOARDING_METRICS_PORT", DEFAULT_METRICS_PORT, 0);
    if (metricsPort > 65535) {
      e.problem("OFFBOARDING_METRICS_PORT must be a port number (1-65535), was " + metricsPort);
    }
    InetAddress metricsBind = e.ipAddress(METRICS_BIND, DEFAULT_METRICS_BIND);
    String format = e.string("OFFBOARDING_LOG_FORMAT", LogFormat.TEXT.value());
    LogFormat logFormat = LogFormat.parse(format);
    if (logFormat == null) {
      e.problem("OFFBOARDING_LOG_FORMAT must be text or json, was '" + format + "'");
      logFormat = LogFormat.TEXT;
    }
    String level = e.string("OFFBOARDING_LOG_LEVEL", "INFO");
    if (!LOG_LEVELS.contains(level.toUpperCase(java.util.Locale.ROOT))) {
      e.problem(
          "OFFBOARDING_LOG_LEVEL must be one of "
              + String.join(", ", LOG_LEVELS)
              + ", was '"
              + level
              + "'");
    }

    if (maxInterval.compareTo(initial) < 0) {
      e.problem(
          "OFFBOARDING_RETRY_MAX_INTERVAL ("
              + maxInterval
              + ") is shorter than OFFBOARDING_RETRY_INITIAL_INTERVAL ("
              + initial
              + ")");
    }
    if (window.compareTo(attemptTimeout) < 0) {
      e.problem(
          "OFFBOARDING_RETRY_WINDOW ("
              + window
              + ") is shorter than one attempt (OFFBOARDING_ATTEMPT_TIMEOUT, "
              + attemptTimeout
              + ")");
    }
    Duration oneRequest = suprSend.connectTimeout().plus(suprSend.readTimeout());
    if (attemptTimeout.compareTo(oneRequest) <= 0) {
      e.problem(
          "OFFBOARDING_ATTEMPT_TIMEOUT ("
              + attemptTimeout
              + ") must be longer than SUPRSEND_CONNECT_TIMEOUT + SUPRSEND_READ_TIMEOUT ("
              + oneRequest
              + "), or Temporal would time out attempts that are still waiting for SuprSend");
    }
    WorkerTuning tuning = WorkerTuning.from(e);
    NotifySettings notifications = notifySettings(e);
    Duration notifyWindow =
        e.duration("OFFBOARDING_NOTIFY_RETRY_WINDOW", RetrySettings.notification().retryWindow());
    TemporalConnection.problemsWith(env).forEach(e::problem);
    EncryptionKeys.problemsWith(env).forEach(e::problem);
    try {
      IdScheme.parse(env.get(IdScheme.VARIABLE));
    } catch (IllegalArgumentException badScheme) {
      e.problem(badScheme.getMessage());
    }

    if (!e.problems().isEmpty()) {
      throw new ConfigException(e.problems());
    }
    return new WorkerConfig(
        suprSend,
        taskQueue,
        new RetrySettings(initial, backoff, maxInterval, window, attemptTimeout),
        shutdown,
        sticky,
        metricsPort,
        metricsBind,
        logFormat,
        tuning,
        notifications,
        RetrySettings.notification().withRetryWindow(notifyWindow));
  }

  /** The notification variables, checked together (one without its partner is a mistake). */
  private static NotifySettings notifySettings(Env e) {
    URI webhookUrl =
        e.raw("OFFBOARDING_WEBHOOK_URL") == null
            ? null
            : e.httpUrl(
                "OFFBOARDING_WEBHOOK_URL",
                URI.create("https://hooks.example.com/offboarding"),
                false);
    String secret = e.raw("OFFBOARDING_WEBHOOK_SECRET");
    if (secret != null && secret.length() < MIN_SECRET_CHARS) {
      e.problem(
          "OFFBOARDING_WEBHOOK_SECRET is shorter than "
              + MIN_SECRET_CHARS
              + " characters: use a long random value (e.g. openssl rand -hex 32)");
    }
    if (secret != null && webhookUrl == null) {
      e.problem("OFFBOARDING_WEBHOOK_SECRET is set but OFFBOARDING_WEBHOOK_URL is not: set both");
    }
    String workflow = e.raw("SUPRSEND_NOTIFY_WORKFLOW");
    List<String> recipients = new ArrayList<>();
    String rawRecipients = e.raw("SUPRSEND_NOTIFY_RECIPIENTS");
    if (rawRecipients != null) {
      for (String part : rawRecipients.split(",")) {
        String id = part.strip();
        if (id.isEmpty()) {
          continue;
        }
        String problem = DistinctIds.problemWith(id);
        if (problem != null) {
          e.problem("SUPRSEND_NOTIFY_RECIPIENTS has an invalid distinct id: " + problem);
        } else if (!recipients.contains(id)) {
          recipients.add(id);
        }
      }
      if (recipients.size() > NotifySettings.MAX_RECIPIENTS) {
        e.problem(
            "SUPRSEND_NOTIFY_RECIPIENTS names "
                + recipients.size()
                + " recipients; SuprSend accepts at most "
                + NotifySettings.MAX_RECIPIENTS
                + " per trigger");
      }
    }
    if (workflow != null && recipients.isEmpty()) {
      e.problem(
          "SUPRSEND_NOTIFY_WORKFLOW is set but SUPRSEND_NOTIFY_RECIPIENTS is not: name the internal"
              + " distinct ids to notify (comma-separated)");
    }
    if (workflow == null && !recipients.isEmpty()) {
      e.problem(
          "SUPRSEND_NOTIFY_RECIPIENTS is set but SUPRSEND_NOTIFY_WORKFLOW is not: name the SuprSend"
              + " workflow (its slug) to trigger");
    }
    return new NotifySettings(
        webhookUrl, secret, NotifySettings.DEFAULT_WEBHOOK_TIMEOUT, workflow, recipients);
  }
}
