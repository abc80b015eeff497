package dev.offboarding.suprsend.devtools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compose file's {@code postgresql} service from Debian's PostgreSQL: a cluster initialised as
 * the official image does it (superuser {@code POSTGRES_USER} with {@code POSTGRES_PASSWORD},
 * password logins over TCP), listening on loopback. Run as the {@code postgres} user when this JVM
 * is root (PostgreSQL refuses root). {@link #kill()} SIGKILLs the postmaster and every backend, as
 * {@code docker kill} ends a container.
 */
final class NativePostgres {

  static final int PORT = 5432;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final Path log;
  private final String user;

  NativePostgres(Path bin, Path dir, Map<String, String> serviceEnv) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("pgdata");
    this.log = dir.resolve("postgresql.log");
    this.user = serviceEnv.get("POSTGRES_USER");
    init(serviceEnv.get("POSTGRES_PASSWORD"));
  }

  private void init(String password) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path pwfile = writeOwnerOnly(dir.resolve("pwfile"), password + "\n");
      Files.createDirectories(data);
      Files.createFile(log);
      if (isRoot()) {
        chown(pwfile, data, log);
      }
      Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
      runOrFail(
          "initdb",
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "--username=" + user,
              "--pwfile=" + pwfile,
              "--auth-host=scram-sha-256",
              "--auth-local=trust",
              "--encoding=UTF8",
              "--no-sync"),
          120);
      Files.delete(pwfile);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare PostgreSQL's data folder " + data, e);
    }
  }

  /**
   * Writes {@code text} to a new file that only its owner can read, from its creation on: the
   * folder is open to everyone (755, for the {@code postgres} user), so a file created with the
   * umask's mode (644) would be readable by every local user while it exists.
   */
  static Path writeOwnerOnly(Path file, String text) throws IOException {
    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    return Files.writeString(file, text);
  }

  /** Starts the server and waits until it accepts connections. */
  void start() {
    runOrFail(
        "pg_ctl start",
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            log.toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-c listen_addresses=" + NativeNetwork.LOOPBACK + " -p " + PORT + " -k " + data,
            "start"),
        90);
  }

  boolean isReady() {
    return run(
            "pg_isready",
            List.of(
                bin.resolve("pg_isready").toString(),
                "-h",
                NativeNetwork.LOOPBACK,
                "-p",
                String.valueOf(PORT),
                "-U",
                user,
                "-d",
                "postgres"),
            15)
        == 0;
  }

  /** SIGKILL to the postmaster and all of its backends; returns once none is left. */
  void kill() {
    ProcessHandle postmaster = postmaster();
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(postmaster);
    all.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (all.stream().anyMatch(ProcessHandle::isAlive)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "PostgreSQL's processes did not die within 20 s of SIGKILL");
      }
      NativeStack.sleep(Duration.ofMillis(100));
    }
  }

  /** A clean, fast stop at the end of the test. */
  void stop() {
    if (Files.exists(data.resolve("postmaster.pid"))) {
      run(
          "pg_ctl stop",
          List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "stop"),
          60);
    }
  }

  String version() {
    try {
      return Files.readString(data.resolve("PG_VERSION")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private ProcessHandle postmaster() {
    try {
      long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      return ProcessHandle.of(pid)
          .orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL has no postmaster.pid: is it running?", e);
    }
  }

  private void runOrFail(String what, List<String> command, int seconds) {
    int exit = run(what, command, seconds);
    if (exit != 0) {
      throw new IllegalStateException(
          what + " exited with " + exit + ": see " + log + " and " + dir.resolve("commands.log"));
    }
  }

  private int run(String what, List<String> command, int seconds) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    return StackProcess.run(what, full, Map.of(), dir, dir.resolve("commands.log"), seconds);
  }

  private static void chown(Path... paths) throws IOException {
    var lookup = paths[0].getFileSystem().getUserPrincipalLookupService();
    for (Path p : paths) {
      Files.setOwner(p, lookup.lookupPrincipalByName("postgres"));
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
