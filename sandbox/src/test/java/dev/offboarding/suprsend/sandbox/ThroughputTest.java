package dev.offboarding.suprsend.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A smoke check that concurrent deletes are all answered correctly and quickly. */
class ThroughputTest extends SandboxTestBase {

  @Test
  void concurrentDeletesAreEachAnsweredOnce() throws Exception {
    int users = 2000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      ids.add("user-" + i);
    }
    sandbox.addUsers(ids);
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<Void>>> inFlight = new ArrayList<>();
    for (int i = 0; i < users * 2; i++) {
      // every id twice: one 204 and one 404 each, whatever the interleaving
      String id = ids.get(i % users);
      inFlight.add(
          HTTP.sendAsync(
              request("DELETE", "/v1/user/" + id + "/", null)
                  .header("Authorization", "Bearer " + sandbox.apiKey())
                  .build(),
              HttpResponse.BodyHandlers.discarding()));
      if (inFlight.size() >= 64) {
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        inFlight.clear();
      }
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;

    SandboxStats stats = sandbox.stats();
    assertThat(stats.deletes()).isEqualTo(users);
    assertThat(stats.count(204)).isEqualTo(users);
    assertThat(stats.count(404)).isEqualTo(users);
    assertThat(sandbox.userCount()).isZero();
    assertThat(users * 2 / seconds).as("requests per second").isGreaterThan(200);
  }
}
