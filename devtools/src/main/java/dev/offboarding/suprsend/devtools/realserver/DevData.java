package dev.offboarding.suprsend.devtools.realserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Where {@code ./offboard dev} and {@code server} keep the dev server's runs: the git-ignored
 * {@code .offboard-data/} folder at the repository root ({@code OFFBOARD_DATA_DIR} overrides it),
 * with the SQLite file {@code dev.sqlite} and the server's log.
 */
public final class DevData {

  /** The variable that moves the data folder. */
  public static final String VARIABLE = "OFFBOARD_DATA_DIR";

  private final Path dir;

  private DevData(Path dir) {
    this.dir = dir;
  }

  /** {@code OFFBOARD_DATA_DIR}, else {@code <repository>/.offboard-data}. */
  public static DevData in(Map<String, String> env) {
    String explicit = env.get(VARIABLE);
    return new DevData(
        explicit != null && !explicit.isBlank()
            ? Paths.get(explicit.trim()).toAbsolutePath()
            : TemporalCli.repositoryRoot().resolve(".offboard-data"));
  }

  /** The SQLite file the dev server keeps its runs in. */
  public Path database() {
    return dir.resolve("dev.sqlite");
  }

  /** The dev server's log. */
  public Path log() {
    return dir.resolve("temporal-dev.log");
  }

  /** Deletes the SQLite file (and its journal files): the next start is empty. */
  public boolean deleteDatabase() {
    boolean deleted = false;
    Path db = database();
    for (Path file :
        List.of(
            db,
            db.resolveSibling(db.getFileName() + "-wal"),
            db.resolveSibling(db.getFileName() + "-shm"),
            db.resolveSibling(db.getFileName() + "-journal"))) {
      try {
        deleted |= Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete " + file, e);
      }
    }
    return deleted;
  }
}
