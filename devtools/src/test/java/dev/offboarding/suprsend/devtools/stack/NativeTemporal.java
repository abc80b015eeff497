package dev.offboarding.suprsend.devtools.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compose file's {@code temporal} service natively: what the auto-setup image does with the
 * service's environment (the schemas of both databases created and migrated by the server's own SQL
 * tool, the server started from the module's {@code config/docker.yaml}, the template the image
 * renders from the same variables, then the default namespace registered), and the one-shot {@code
 * temporal-admin-tools} job run by its own command line.
 */
final class NativeTemporal {

  static final String ADDRESS = NativeNetwork.LOOPBACK + ":7233";

  private final StackParts parts;
  private final Map<String, String> env;
  private final Path dir;
  private StackProcess server;

  /** {@code serviceEnv}: the temporal service's environment, resolved and translated. */
  NativeTemporal(StackParts parts, Map<String, String> serviceEnv, Path dir) {
    this.parts = parts;
    this.dir = dir;
    this.env = new LinkedHashMap<>(serviceEnv);
    // The image keeps its dynamic config at /etc/temporal/config/dynamicconfig/docker.yaml: the
    // module's copy of that folder is beside the server here.
    env.put(
        "DYNAMIC_CONFIG_FILE_PATH",
        parts.temporalServerDir().resolve("config/dynamicconfig/docker.yaml").toString());
  }

  /** auto-setup's schema step: both databases created and migrated to the newest schema. */
  void setUpSchemas() {
    for (String[] db :
        new String[][] {
          {"temporal", "postgresql/v12/temporal"},
          {"temporal_visibility", "postgresql/v12/visibility"}
        }) {
      sql(db[0], "create-database");
      sql(db[0], "setup-schema", "-v", "0.0");
      sql(db[0], "update-schema", "--schema-name", db[1]);
    }
  }

  private void sql(String database, String... command) {
    List<String> args = new ArrayList<>();
    args.add(parts.sqlTool().toString());
    args.addAll(
        List.of(
            "--plugin", env.get("DB"),
            "--ep", env.get("POSTGRES_SEEDS"),
            "-p", env.get("DB_PORT"),
            "-u", env.get("POSTGRES_USER"),
            "--db", database));
    args.addAll(List.of(command));
    Map<String, String> sqlEnv = Map.of("SQL_PASSWORD", env.get("POSTGRES_PWD"));
    int exit = StackProcess.run("temporal-sql-tool", args, sqlEnv, dir, log("schema"), 120);
    if (exit != 0) {
      throw new IllegalStateException(
          "temporal-sql-tool "
              + String.join(" ", command)
              + " on "
              + database
              + " exited with "
              + exit
              + ": see "
              + log("schema"));
    }
  }

  /** Starts the server on the same database and waits until the namespace answers. */
  void start(Duration timeout) {
    server =
        StackProcess.start(
            "temporal-server",
            List.of(
                parts.temporalServer().toString(),
                "--root",
                parts.temporalServerDir().toString(),
                "--env",
                "docker",
                "--allow-no-auth",
                "start"),
            env,
            dir,
            log("temporal-server"));
    NativeStack.await(
        "the Temporal server to answer on " + ADDRESS,
        timeout,
        () -> {
          server.assertAlive();
          return cli("operator", "namespace", "describe", "--namespace", "temporal-system") == 0;
        });
  }

  /** auto-setup's last step: the namespace the worker uses ({@code DEFAULT_NAMESPACE}). */
  void registerDefaultNamespace() {
    String namespace = env.getOrDefault("DEFAULT_NAMESPACE", "default");
    if (cli("operator", "namespace", "describe", "--namespace", namespace) != 0
        && cli("operator", "namespace", "create", "--retention", "24h", "--namespace", namespace)
            != 0) {
      throw new IllegalStateException(
          "could not register namespace " + namespace + ": see " + log("cli"));
    }
  }

  /** The compose health check: healthy once the namespace the worker uses exists. */
  boolean isHealthy() {
    return cli("operator", "namespace", "describe", "--namespace", "default") == 0;
  }

  /**
   * The {@code temporal-admin-tools} job: its {@code entrypoint} and {@code command} from the
   * compose file, with its environment, and the Temporal CLI as {@code temporal} on the PATH.
   */
  int runAdminTools(List<String> entrypoint, List<String> command, Map<String, String> jobEnv) {
    List<String> args = new ArrayList<>(entrypoint);
    args.addAll(command);
    Map<String, String> withCli = new LinkedHashMap<>(jobEnv);
    withCli.put("PATH", parts.temporalCli().getParent() + ":/usr/bin:/bin");
    withCli.put("HOME", dir.toString());
    return StackProcess.run("temporal-admin-tools", args, withCli, dir, log("admin-tools"), 60);
  }

  /** SIGKILL to the server. */
  void kill() {
    server.kill();
  }

  void stop() {
    if (server != null) {
      server.close();
    }
  }

  int cli(String... args) {
    List<String> command = new ArrayList<>();
    command.add(parts.temporalCli().toString());
    command.addAll(List.of(args));
    command.addAll(List.of("--address", ADDRESS, "--command-timeout", "5s"));
    return StackProcess.run(
        "temporal " + args[0], command, Map.of("HOME", dir.toString()), dir, log("cli"), 30);
  }

  private Path log(String name) {
    return dir.resolve(name + ".log");
  }
}
