package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Table;
import dev.offboarding.suprsend.cli.Temporal;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.client.HttpStatus;
import dev.offboarding.suprsend.client.SuprSendApiException;
import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.client.SuprSendUserApi;
import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.worker.ConfigException;
import dev.offboarding.suprsend.worker.TemporalConnection;
import dev.offboarding.suprsend.worker.WorkerConfig;
import dev.offboarding.suprsend.worker.encryption.EncryptionKeys;
import feign.FeignException;
import feign.RetryableException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./offboard check}: can this environment offboard anyone? Temporal reachable (and the
 * namespace there), the worker configuration valid, and SuprSend's base URL and key working, tried
 * with a harmless authenticated read of a user that does not exist.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Verify Temporal connectivity and namespace, the worker configuration, and the SuprSend"
          + " base URL and API key (with a harmless GET of a random, non-existent user).",
      "Exit codes: 0 all passed, 2 configuration invalid, 3 SuprSend refused the key or is not"
          + " usable, or a required search attribute is missing, 4 Temporal unreachable."
    })
public final class CheckCommand implements Callable<Integer> {

  private static final String OK = "ok";
  private static final String FAILED = "FAILED";

  private final CliContext ctx;

  CheckCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** One check's result. */
  record Probe(boolean passed, String detail) {}

  @Override
  public Integer call() {
    Table table = new Table("CHECK", "RESULT", "DETAIL");
    boolean temporalFailed = false;
    boolean configFailed = false;
    boolean suprSendFailed = false;
    boolean searchAttributesMissing = false;

    try (TemporalConnection temporal = TemporalConnection.connect(ctx.env())) {
      try {
        temporal.checkReachable(Temporal.REACHABLE_TIMEOUT);
        table.row(
            "Temporal",
            OK,
            "reachable at " + temporal.address() + ", namespace " + temporal.namespace());
        searchAttributesMissing = checkSearchAttributes(temporal, table);
      } catch (TemporalConnection.TemporalUnreachable e) {
        temporalFailed = true;
        table.row("Temporal", FAILED, e.getMessage());
        ctx.err().println("error: " + ctx.redact(e.getMessage()));
      }
    } catch (ConfigException e) {
      temporalFailed = true;
      table.row("Temporal", FAILED, String.join("; ", e.problems()));
      ctx.err().println("error: " + ctx.redact(e.getMessage()));
    }

    WorkerConfig config = null;
    try {
      config = WorkerConfig.fromEnvironment(ctx.env());
      table.row(
          "Configuration",
          OK,
          "task queue "
              + config.taskQueue()
              + ", SuprSend at "
              + config.suprSend().baseUrl()
              + ", retries for up to "
              + Text.duration(config.deleteRetry().retryWindow()));
    } catch (ConfigException e) {
      configFailed = true;
      table.row("Configuration", FAILED, String.join("; ", e.problems()));
      e.problems().forEach(p -> ctx.err().println("error: " + ctx.redact(p)));
    }

    if (config != null) {
      table.row("Privacy", OK, privacy());
      Probe probe = probe(config.suprSend());
      table.row("SuprSend API key", probe.passed() ? OK : FAILED, ctx.redact(probe.detail()));
      if (!probe.passed()) {
        suprSendFailed = true;
        ctx.err().println("error: " + ctx.redact(probe.detail()));
      }
    } else {
      table.row("SuprSend API key", "skipped", "fix the configuration first");
    }

    table.print(ctx.out());
    if (temporalFailed) {
      return ExitCodes.TEMPORAL_UNREACHABLE;
    }
    if (configFailed) {
      return ExitCodes.USAGE;
    }
    return suprSendFailed || searchAttributesMissing ? ExitCodes.NOT_COMPLETED : ExitCodes.OK;
  }

  /** What Temporal's history will hold: encrypted or clear payloads, hashed or plain ids. */
  private String privacy() {
    EncryptionKeys keys = EncryptionKeys.fromEnvironment(ctx.env());
    String payloads =
        keys.enabled()
            ? "payloads encrypted with key '"
                + keys.currentKeyId()
                + "' (decrypts "
                + String.join(", ", keys.keyIds())
                + ")"
            : "payloads in clear (OFFBOARDING_ENCRYPTION_KEY unset)";
    return payloads + "; workflow ids " + ctx.idScheme().name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Adds the "Search attributes" row: the attributes the workflow upserts must be registered on the
   * namespace, or its runs fail. True when one is missing.
   */
  private boolean checkSearchAttributes(TemporalConnection temporal, Table table) {
    String names = String.join(", ", OffboardingSearchAttributes.REQUIRED.keySet());
    try {
      List<String> missing =
          temporal.missingSearchAttributes(
              OffboardingSearchAttributes.REQUIRED, Temporal.REACHABLE_TIMEOUT);
      if (missing.isEmpty()) {
        table.row("Search attributes", OK, names + " registered");
        return false;
      }
      table.row("Search attributes", FAILED, String.join("; ", missing));
      missing.forEach(problem -> ctx.err().println("error: " + problem));
      return true;
    } catch (UnsupportedOperationException e) {
      table.row("Search attributes", "skipped", e.getMessage());
      return false;
    } catch (TemporalConnection.TemporalUnreachable e) {
      table.row("Search attributes", "skipped", e.getMessage());
      return false;
    }
  }

  /** Reads a random, non-existent user: a JSON user-not-found 404 (or a 200) proves the key. */
  static Probe probe(SuprSendSettings settings) {
    SuprSendUserApi api = SuprSendClients.userApi(settings);
    String probeId = "offboard-check-" + UUID.randomUUID();
    try {
      HttpStatus status = api.getUser(probeId);
      return new Probe(
          true, "the key was accepted by " + settings.baseUrl() + " (HTTP " + status.code() + ")");
    } catch (SuprSendApiException e) {
      return switch (e.kind()) {
        case USER_NOT_FOUND ->
            new Probe(
                true,
                "the key was accepted by "
                    + settings.baseUrl()
                    + " (SuprSend's user-not-found 404 for a random id)");
        case AUTHENTICATION, AUTHORIZATION ->
            new Probe(
                false,
                "the key was refused by "
                    + settings.baseUrl()
                    + " (HTTP "
                    + e.status()
                    + "): set SUPRSEND_API_KEY to a current API key of the workspace"
                    + " (SuprSend dashboard, Developers -> API Keys)");
        case NOT_FROM_USER_API, REDIRECTED ->
            new Probe(
                false,
                "SUPRSEND_BASE_URL (now "
                    + settings.baseUrl()
                    + ") does not point at SuprSend's API: it answered HTTP "
                    + e.status()
                    + ", not as SuprSend's user API does. Set it to the hub URL itself"
                    + " (https://hub.suprsend.com, or your self-hosted hub)");
        case RATE_LIMITED ->
            new Probe(
                false,
                "SuprSend rate-limited the check (HTTP 429), so the key could not be verified:"
                    + " try again in a minute");
        default -> new Probe(false, "SuprSend did not accept the check: " + e.getMessage());
      };
    } catch (RetryableException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Probe(
          false,
          "could not reach SuprSend at "
              + settings.baseUrl()
              + " ("
              + cause.getClass().getSimpleName()
              + "): check SUPRSEND_BASE_URL and the network");
    } catch (FeignException e) {
      return new Probe(
          false, "unexpected answer from " + settings.baseUrl() + " (HTTP " + e.status() + ")");
    }
  }
}
