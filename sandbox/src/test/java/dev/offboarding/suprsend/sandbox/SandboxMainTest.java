package dev.offboarding.suprsend.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxMainTest {

  @Test
  void defaultsToPort8099AndAGeneratedKey() {
    SandboxMain.Config c = SandboxMain.parse(new String[0], null);
    assertThat(c.options.port()).isEqualTo(8099);
    assertThat(c.keySource).isEqualTo("generated");
    assertThat(c.options.apiKey()).startsWith("sandbox-key-");
  }

  @Test
  void takesTheKeyFromTheEnvironmentOrTheFlag() {
    SandboxMain.Config env = SandboxMain.parse(new String[0], "from-env");
    assertThat(env.options.apiKey()).isEqualTo("from-env");
    assertThat(env.keySource).isEqualTo("env");
    SandboxMain.Config flag = SandboxMain.parse(new String[] {"--api-key", "from-flag"}, "e");
    assertThat(flag.options.apiKey()).isEqualTo("from-flag");
    assertThat(flag.keySource).isEqualTo("flag");
  }

  @Test
  void parsesEveryFlag() {
    SandboxMain.Config c =
        SandboxMain.parse(
            new String[] {
              "--port",
              "0",
              "--latency-ms",
              "20",
              "--rate-limit",
              "7.5",
              "--threads",
              "8",
              "--users",
              "3"
            },
            null);
    assertThat(c.options.port()).isZero();
    assertThat(c.options.latency()).isEqualTo(Duration.ofMillis(20));
    assertThat(c.options.rateLimitPerSecond()).isEqualTo(7.5);
    assertThat(c.options.threads()).isEqualTo(8);
    assertThat(c.users).isEqualTo("3");
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port"}, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--nope", "1"}, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port", "x"}, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seedsNumberedUsersOrIdsFromAFile(@TempDir Path dir) throws Exception {
    assertThat(SandboxMain.seedUsers("3")).containsExactly("user-1", "user-2", "user-3");
    assertThat(SandboxMain.seedUsers(null)).isEmpty();
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, "a/b\r\n\nwith space\n😀\n", StandardCharsets.UTF_8);
    assertThat(SandboxMain.seedUsers(file.toString())).containsExactly("a/b", "with space", "😀");
  }
}
