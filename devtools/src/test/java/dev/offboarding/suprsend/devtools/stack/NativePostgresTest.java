package dev.offboarding.suprsend.devtools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativePostgresTest {

  @TempDir Path dir;

  @Test
  void thePasswordFileIsCreatedReadableByItsOwnerOnlyInAFolderOpenToEveryone() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

    Path pwfile = NativePostgres.writeOwnerOnly(dir.resolve("pwfile"), "s3cret\n");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pwfile)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(pwfile)).isEqualTo("s3cret\n");
  }
}
