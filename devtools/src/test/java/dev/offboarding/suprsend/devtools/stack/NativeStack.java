package dev.offboarding.suprsend.devtools.stack;

import dev.offboarding.suprsend.devtools.ChildJvm;
import dev.offboarding.suprsend.worker.deploy.ComposeFile;
import dev.offboarding.suprsend.worker.deploy.ComposeInterpolation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * docker-compose.yml's stack from native parts, in compose's order: PostgreSQL, the Temporal server
 * (schemas, server, default namespace), the admin-tools job, the UI, the sandbox and the worker.
 * Every service gets its {@code environment:} block from the compose file, resolved from {@code
 * variables} (what {@code .env} holds) as compose resolves it, then translated to this machine's
 * network ({@link NativeNetwork}); every port is the one the compose file names.
 */
final class NativeStack implements AutoCloseable {

  static final int UI_PORT = 8080;
  static final int WORKER_PORT = 9464;
  static final int SANDBOX_PORT = 8099;
  static final int CODEC_PORT = 8888;

  /**
   * Ports the stack needs: PostgreSQL, the server's frontend/history/matching/worker (gRPC,
   * membership, HTTP), the UI, the worker's metrics, the sandbox and the codec server.
   */
  private static final int[] PORTS = {
    NativePostgres.PORT,
    7233,
    7234,
    7235,
    7239,
    7243,
    6933,
    6934,
    6935,
    6939,
    UI_PORT,
    WORKER_PORT,
    SANDBOX_PORT,
    CODEC_PORT
  };

  private final ComposeFile compose = ComposeFile.read();
  private final NativeNetwork network = new NativeNetwork(compose.serviceNames());
  private final StackParts parts;
  private final Path dir;
  private final WorkerImage image;
  private Map<String, String> variables;
  private NativePostgres postgres;
  private NativeTemporal temporal;
  private final NativeUi ui;
  private StackProcess sandbox;
  private StackProcess worker;
  private StackProcess codecServer;

  NativeStack(StackParts parts, Map<String, String> variables, Path dir) {
    this.parts = parts;
    this.variables = variables;
    this.dir = dir;
    this.image = new WorkerImage(parts.workerJar());
    this.ui = new NativeUi(parts, dir);
  }

  /** Starts every service, each once its dependencies are healthy. */
  void up() {
    for (int port : PORTS) {
      requireFree(port);
    }
    postgres = new NativePostgres(parts.postgresBin(), dir, env("postgresql"));
    postgres.start();
    await("PostgreSQL to accept connections", Duration.ofSeconds(60), postgres::isReady);
    temporal = new NativeTemporal(parts, env("temporal"), dir);
    temporal.setUpSchemas();
    temporal.start(Duration.ofSeconds(120));
    temporal.registerDefaultNamespace();
    await("the temporal service's health check", Duration.ofSeconds(60), temporal::isHealthy);
    ComposeFile.Service job = compose.service("temporal-admin-tools");
    int exit =
        temporal.runAdminTools(
            resolved(job.entrypoint()), resolved(job.command()), env("temporal-admin-tools"));
    if (exit != 0) {
      throw new IllegalStateException(
          "the temporal-admin-tools job exited with "
              + exit
              + ": see "
              + dir.resolve("admin-tools.log"));
    }
    ui.start(env("temporal-ui"), UI_PORT);
    startSandbox();
    startWorker();
  }

  /** Restarts the worker, the UI and (when its token is set) the codec server with new values. */
  void reconfigure(Map<String, String> newVariables) {
    this.variables = newVariables;
    stopWorker();
    ui.stop();
    ui.start(env("temporal-ui"), UI_PORT);
    if (!newVariables.getOrDefault("OFFBOARDING_CODEC_SERVER_TOKEN", "").isEmpty()) {
      codecServer =
          image.start(
              "codec-server",
              resolved(compose.service("codec-server").command()),
              env("codec-server"),
              dir);
      awaitPort("the codec server", CODEC_PORT, codecServer);
    }
    startWorker();
  }

  private void startSandbox() {
    List<String> args = new ArrayList<>();
    resolved(compose.service("sandbox").command())
        .forEach(a -> args.add(NativeNetwork.translateArgument(a)));
    Path log = dir.resolve("sandbox.log");
    sandbox =
        StackProcess.of(
            "sandbox",
            log,
            ChildJvm.startLogged(
                "dev.offboarding.suprsend.devtools.Offboard", args, env("sandbox"), log));
    awaitHttp("the sandbox", sandboxUrl() + "/_sandbox/health", sandbox);
  }

  private void startWorker() {
    worker = image.start("worker", List.of("worker"), env("worker"), dir);
    await(
        "the worker's health check (compose's healthcheck command)",
        Duration.ofSeconds(90),
        () -> {
          worker.assertAlive();
          return workerHealthcheck() == 0;
        });
  }

  void stopWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  /** The worker service's health check command, run as compose runs it: 0 = healthy. */
  int workerHealthcheck() {
    return image.healthcheck(compose.service("worker").healthcheck(), env("worker"), dir);
  }

  /** The HTTP status of the worker's /readyz, or -1 when nothing answers. */
  int readyz() {
    return status("http://127.0.0.1:" + WORKER_PORT + "/readyz");
  }

  /** Compose interpolates command lines too ({@code $$} is a literal {@code $}). */
  private List<String> resolved(List<String> args) {
    return args.stream().map(a -> ComposeInterpolation.resolve(a, variables)).toList();
  }

  /** The service's environment: resolved from the variables, translated to this machine. */
  Map<String, String> env(String service) {
    return network.translate(compose.service(service).environment(variables));
  }

  NativePostgres postgres() {
    return postgres;
  }

  NativeTemporal temporal() {
    return temporal;
  }

  StackProcess worker() {
    return worker;
  }

  /** The sandbox's control plane: what SuprSend holds. */
  SandboxControl sandbox() {
    return new SandboxControl(sandboxUrl());
  }

  String sandboxUrl() {
    return "http://127.0.0.1:" + SANDBOX_PORT;
  }

  String uiUrl() {
    return "http://127.0.0.1:" + UI_PORT;
  }

  Path dir() {
    return dir;
  }

  @Override
  public void close() {
    for (AutoCloseable c :
        new AutoCloseable[] {
          worker,
          codecServer,
          sandbox,
          ui::stop,
          temporal == null ? null : temporal::stop,
          postgres == null ? null : postgres::stop
        }) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          System.out.println("stack: could not stop a service cleanly: " + e);
        }
      }
    }
  }

  // ---- waiting ------------------------------------------------------------------------------

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited " + timeout.toSeconds() + " s for " + what);
      }
      sleep(Duration.ofMillis(250));
    }
  }

  static void awaitHttp(String what, String url, StackProcess process) {
    await(
        what + " to answer " + url,
        Duration.ofSeconds(60),
        () -> {
          process.assertAlive();
          return status(url) == 200;
        });
  }

  private static void awaitPort(String what, int port, StackProcess process) {
    await(
        what + " to listen on " + port,
        Duration.ofSeconds(60),
        () -> {
          process.assertAlive();
          return status("http://127.0.0.1:" + port + "/") > 0;
        });
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static int status(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void requireFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " on 127.0.0.1 is in use: the native stack runs on the ports docker-compose.yml"
              + " names; stop what listens there (ss -ltnp 'sport = :"
              + port
              + "') and run again");
    }
  }
}
