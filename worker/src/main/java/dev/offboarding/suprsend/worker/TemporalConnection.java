package dev.offboarding.suprsend.worker;

import com.uber.m3.tally.Scope;
import dev.offboarding.suprsend.worker.encryption.OffboardingDataConverter;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connects to Temporal the way Temporal's own tools do: {@code temporal-envconfig} reads {@code
 * TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS*},
 * {@code TEMPORAL_PROFILE} and the TOML file at {@code TEMPORAL_CONFIG_FILE} (default {@code
 * ~/.config/temporalio/temporal.toml}). Unset, it is {@code localhost:7233}, namespace {@code
 * default}.
 *
 * <p>Never log a {@link ClientConfigProfile}: its {@code toString()} prints the API key.
 */
public final class TemporalConnection implements AutoCloseable {

  public static final String DEFAULT_ADDRESS = "localhost:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  /**
   * The variables {@code temporal-envconfig} reads (the TOML profile's keys in brackets), for the
   * configuration reference (docs/configuration.md) and the drift test.
   */
  public static final List<WorkerConfig.Variable> VARIABLES =
      List.of(
          new WorkerConfig.Variable(
              "TEMPORAL_ADDRESS", DEFAULT_ADDRESS, "Temporal frontend host:port [address]"),
          new WorkerConfig.Variable(
              "TEMPORAL_NAMESPACE", DEFAULT_NAMESPACE, "Temporal namespace [namespace]"),
          new WorkerConfig.Variable(
              "TEMPORAL_API_KEY",
              "(none)",
              "API key for Temporal Cloud; turns TLS on [api_key]",
              true),
          new WorkerConfig.Variable(
              "TEMPORAL_TLS", "(off)", "true: TLS with the system's trusted CAs [tls]"),
          new WorkerConfig.Variable(
              "TEMPORAL_TLS_CLIENT_CERT_PATH",
              "(none)",
              "mTLS client certificate, PEM [tls.client_cert_path]"),
          new WorkerConfig.Variable(
              "TEMPORAL_TLS_CLIENT_KEY_PATH",
              "(none)",
              "mTLS client private key, PKCS#8 PEM [tls.client_key_path]"),
          new WorkerConfig.Variable(
              "TEMPORAL_TLS_CLIENT_CERT_DATA",
              "(none)",
              "the certificate itself instead of a path [tls.client_cert_data]"),
          new WorkerConfig.Variable(
              "TEMPORAL_TLS_CLIENT_KEY_DATA",
              "(none)",
              "the private key itself instead of a path [tls.client_key_data]",
              true),
          new WorkerConfig.Variable(
              "TEMPORAL_TLS_SERVER_CA_CERT_PATH",
              "(system CAs)",
              "CA that signed the server's certificate [tls.server_ca_cert_path]"),
          new WorkerConfig.Variable(
              "TEMPORAL_TLS_SERVER_CA_CERT_DATA",
              "(system CAs)",
              "that CA itself instead of a path [tls.server_ca_cert_data]"),
          new WorkerConfig.Variable(
              "TEMPORAL_TLS_SERVER_NAME",
              "(from the address)",
              "server name to verify (SNI) [tls.server_name]"),
          new WorkerConfig.Variable(
              "TEMPORAL_TLS_DISABLE_HOST_VERIFICATION",
              "false",
              "skip server certificate checks: tests only [tls.disable_host_verification]"),
          new WorkerConfig.Variable(
              "TEMPORAL_GRPC_META_*", "(none)", "extra gRPC headers, one per variable [grpc_meta]"),
          new WorkerConfig.Variable(
              "TEMPORAL_PROFILE", "default", "profile to use from the TOML file"),
          new WorkerConfig.Variable(
              "TEMPORAL_CONFIG_FILE",
              "~/.config/temporalio/temporal.toml",
              "the TOML file with the profiles"));

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final String address;
  private final String namespace;

  private TemporalConnection(
      WorkflowServiceStubs service, WorkflowClient client, String address, String namespace) {
    this.service = service;
    this.client = client;
    this.address = address;
    this.namespace = namespace;
  }

  /** Loads the profile from {@code env} (and its TOML file). */
  public static ClientConfigProfile profile(Map<String, String> env) throws IOException {
    return ClientConfigProfile.load(
        LoadClientConfigProfileOptions.newBuilder().setEnvOverrides(env).build());
  }

  /** What is wrong with the Temporal settings in {@code env}, one line each, or nothing. */
  static List<String> problemsWith(Map<String, String> env) {
    try {
      profile(env);
      return List.of();
    } catch (IOException | RuntimeException e) {
      return List.of(
          "Temporal connection settings (TEMPORAL_PROFILE / TEMPORAL_CONFIG_FILE / TEMPORAL_*) could"
              + " not be read: "
              + e.getMessage());
    }
  }

  /**
   * Connects lazily (no network until first use); {@link #checkReachable(Duration)} verifies it.
   */
  public static TemporalConnection connect(Map<String, String> env) {
    return connect(env, null);
  }

  /**
   * As {@link #connect(Map)}, reporting the SDK's metrics (and the workflows' own) to {@code
   * metricsScope} when it is not null.
   */
  public static TemporalConnection connect(Map<String, String> env, Scope metricsScope) {
    ClientConfigProfile profile;
    try {
      profile = profile(env);
    } catch (IOException e) {
      throw new ConfigException(List.of("Temporal connection settings: " + e.getMessage()));
    }
    WorkflowServiceStubsOptions stubOptions = profile.toWorkflowServiceStubsOptions();
    String address =
        profile.getAddress() == null || profile.getAddress().isBlank()
            ? DEFAULT_ADDRESS
            : profile.getAddress();
    if (profile.getAddress() == null || profile.getAddress().isBlank()) {
      stubOptions = WorkflowServiceStubsOptions.newBuilder(stubOptions).setTarget(address).build();
    }
    if (metricsScope != null) {
      stubOptions =
          WorkflowServiceStubsOptions.newBuilder(stubOptions).setMetricsScope(metricsScope).build();
    }
    WorkflowClientOptions clientOptions = profile.toWorkflowClientOptions();
    String namespace = clientOptions.getNamespace();
    if (namespace == null || namespace.isBlank()) {
      // No TEMPORAL_NAMESPACE and no profile namespace: the client would use "default"; so must
      // checkReachable (a null namespace in DescribeNamespace is a NullPointerException).
      namespace = DEFAULT_NAMESPACE;
      clientOptions =
          WorkflowClientOptions.newBuilder(clientOptions).setNamespace(namespace).build();
    }
    try {
      // Worker and CLI share this converter: with OFFBOARDING_ENCRYPTION_KEY set, what they
      // write to Temporal's history is ciphertext, and either can read what the other wrote.
      clientOptions =
          WorkflowClientOptions.newBuilder(clientOptions)
              .setDataConverter(OffboardingDataConverter.fromEnvironment(env))
              .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(List.of(e.getMessage()));
    }
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(stubOptions);
    return new TemporalConnection(
        service, WorkflowClient.newInstance(service, clientOptions), address, namespace);
  }

  /**
   * Checks that the server answers and the namespace exists; throws {@link TemporalUnreachable}
   * with a one-line reason otherwise.
   */
  public void checkReachable(Duration timeout) {
    try {
      service
          .blockingStub()
          .withDeadlineAfter(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .describeNamespace(
              io.temporal.api.workflowservice.v1.DescribeNamespaceRequest.newBuilder()
                  .setNamespace(namespace)
                  .build());
    } catch (io.grpc.StatusRuntimeException e) {
      io.grpc.Status.Code code = e.getStatus().getCode();
      String credentials =
          "Temporal refused the credentials (TEMPORAL_API_KEY or mTLS certificate)";
      String reason =
          switch (code) {
            case NOT_FOUND -> "namespace '" + namespace + "' does not exist (TEMPORAL_NAMESPACE)";
            case UNAUTHENTICATED, PERMISSION_DENIED -> credentials;
            default ->
                "Temporal is unreachable at "
                    + address
                    + " ("
                    + code
                    + "): start it (./offboard server) or set TEMPORAL_ADDRESS";
          };
      String publicReason =
          switch (code) {
            case NOT_FOUND -> "the namespace does not exist (TEMPORAL_NAMESPACE)";
            case UNAUTHENTICATED, PERMISSION_DENIED -> credentials;
            default -> "Temporal is unreachable (" + code + ")";
          };
      throw new TemporalUnreachable(reason, publicReason, e);
    }
  }

  /**
   * Which of {@code required} (name to type) the namespace lacks, one line each with the command
   * that registers it; empty when all are there. Temporal refuses to run a workflow that upserts an
   * unregistered attribute, so the worker warns at start and {@code ./offboard check} reports.
   *
   * @throws TemporalUnreachable when the server cannot be asked
   * @throws UnsupportedOperationException when the server cannot list search attributes (Temporal's
   *     Java test server, as in {@code ./offboard dev})
   */
  public List<String> missingSearchAttributes(
      Map<String, IndexedValueType> required, Duration timeout) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(service.getOptions())
                .setChannel(service.getRawChannel())
                .build());
    try {
      Map<String, IndexedValueType> registered =
          operator
              .blockingStub()
              .withDeadlineAfter(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
      List<String> missing = new java.util.ArrayList<>();
      required.forEach(
          (name, type) -> {
            if (registered.get(name) != type) {
              String typeName = typeName(type);
              missing.add(
                  "search attribute "
                      + name
                      + " ("
                      + typeName
                      + ") is not registered on namespace "
                      + namespace
                      + ": temporal operator search-attribute create --namespace "
                      + namespace
                      + " --name "
                      + name
                      + " --type "
                      + typeName);
            }
          });
      return missing;
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.UNIMPLEMENTED) {
        throw new UnsupportedOperationException(
            "this Temporal server cannot list search attributes (Temporal's Java test server)", e);
      }
      throw new TemporalUnreachable(
          "could not list the search attributes of namespace "
              + namespace
              + " ("
              + e.getStatus().getCode()
              + ")",
          e);
    } finally {
      // The channel belongs to the workflow service stubs: only these stubs are released.
      operator.shutdown();
    }
  }

  /** {@code INDEXED_VALUE_TYPE_KEYWORD} as the CLI spells it: {@code Keyword}. */
  private static String typeName(IndexedValueType type) {
    String name = type.name().substring("INDEXED_VALUE_TYPE_".length()).toLowerCase(Locale.ROOT);
    StringBuilder result = new StringBuilder();
    for (String part : name.split("_")) {
      result.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return result.toString();
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkflowServiceStubs service() {
    return service;
  }

  public String address() {
    return address;
  }

  public String namespace() {
    return namespace;
  }

  @Override
  public void close() {
    service.shutdown();
    service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Temporal could not be reached or refused us; the message is one line saying why. */
  public static final class TemporalUnreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String publicReason;

    TemporalUnreachable(String message, Throwable cause) {
      this(message, "Temporal did not answer", cause);
    }

    TemporalUnreachable(String message, String publicReason, Throwable cause) {
      super(message, cause);
      this.publicReason = publicReason;
    }

    /**
     * Why, for anyone who can reach {@code /readyz}: without the server's address or the namespace
     * (the message has them, for the log).
     */
    public String publicReason() {
      return publicReason;
    }
  }
}
