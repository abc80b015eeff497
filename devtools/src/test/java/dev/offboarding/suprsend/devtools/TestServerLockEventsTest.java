package dev.offboarding.suprsend.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.devtools.testserver.EmbeddedTemporal;
import dev.offboarding.suprsend.devtools.testserver.TestServerLockEvents;
import io.temporal.testserver.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The embedded test server's lock-event list is patched (see {@link TestServerLockEvents}); when a
 * Temporal upgrade changes the server's internals this fails, so the workaround is looked at again.
 */
class TestServerLockEventsTest {

  @Test
  void bothKindsOfEmbeddedServerArePatched() {
    try (TestServer.InProcessTestServer inProcess = TestServer.createServer(true)) {
      assertThat(TestServerLockEvents.patch(inProcess)).isTrue();
      assertThat(TestServerLockEvents.patch(inProcess)).as("idempotent").isTrue();
    }
    try (TestServer.PortBoundTestServer portBound =
        TestServer.createPortBoundServer(Cli.freePort(), true)) {
      assertThat(TestServerLockEvents.patch(portBound)).isTrue();
    }
    try (EmbeddedTemporal loopback = EmbeddedTemporal.start(Cli.freePort())) {
      assertThat(TestServerLockEvents.patch(loopback)).as("patched at start, still").isTrue();
    }
  }

  @Test
  void theListStillRemovesTheSameElement() {
    TestServerLockEvents.TailFirstList<Object> list = new TestServerLockEvents.TailFirstList<>();
    Object a = new Object();
    Object b = new Object();
    list.add(a);
    list.add(b);
    list.add(a);

    assertThat(list.remove(a)).isTrue();
    assertThat(list).containsExactly(a, b);
    assertThat(list.remove(new Object())).isFalse();
  }
}
