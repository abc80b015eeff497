package dev.offboarding.suprsend.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Cli;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void theDemoShowsEveryOutcomeAndExits0Quickly() {
    long started = System.nanoTime();

    Cli.Run run = new Cli(Offboard::execute).run(Map.of(), "demo");

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(run.out())
        .containsPattern("demo-alice\\s+DELETED\\s+204\\s+1\\s")
        .containsPattern("demo-bob\\s+ALREADY_ABSENT\\s+404\\s+1\\s")
        .containsPattern("demo-carol\\s+DELETED\\s+204\\s+3\\s")
        .containsPattern("demo-dave\\s+DELETED\\s+204\\s+2\\s+429 with Retry-After: 30.*3[01]s")
        .containsPattern("demo-erin: NEEDS_ATTENTION: SuprSendAuthenticationFailed: .*401")
        .contains("-> ./offboard retry demo-erin --operator demo")
        .containsPattern("demo-erin\\s+DELETED\\s+204\\s+2\\s")
        .containsPattern("demo-frank: NEEDS_ATTENTION: SuprSendWrongEndpoint: ")
        .contains("-> ./offboard abort demo-frank --operator demo")
        .containsPattern("demo-frank\\s+ABORTED\\s+\\S+\\s+1\\s")
        .contains("/v1/user/demo%2Fodd%20id%3F%23%25/")
        .contains("SuprSend saw 1 DELETE for demo-alice")
        .contains("development emulator")
        .doesNotContain("UNEXPECTED")
        .doesNotContain("sandbox-key-");
  }
}
