package dev.offboarding.suprsend.worker.reliability;

import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUser;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUserImpl;
import dev.offboarding.suprsend.sandbox.RecordedRequest;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;

/**
 * Sends one distinct id through the real {@code DeleteSuprSendUser} activity (Feign client
 * included) to the SuprSend sandbox and reports what arrived: the raw path segment and what it
 * decodes to, or the activity's refusal and whether any HTTP call was made.
 */
final class DistinctIdProbe implements AutoCloseable {

  /** What happened to one id. */
  record Result(
      String id, List<RecordedRequest> requests, String failureType, String failureMessage) {

    boolean rejected() {
      return failureType != null;
    }

    /** The one raw path segment after {@code /v1/user/}, or null when the path is not one. */
    String rawSegment() {
      if (requests.size() != 1) {
        return null;
      }
      String path = requests.get(0).rawPath();
      String prefix = "/v1/user/";
      if (!path.startsWith(prefix) || !path.endsWith("/")) {
        return null;
      }
      String segment = path.substring(prefix.length(), path.length() - 1);
      return segment.contains("/") ? null : segment;
    }

    /** What the server decoded the segment to (the sandbox decodes strictly, as UTF-8). */
    String decoded() {
      return requests.size() == 1 ? requests.get(0).decodedDistinctId() : null;
    }
  }

  private static final String KEY = "ss-id-probe-key-0f0e0d0c";

  private final SuprSendSandbox sandbox =
      SuprSendSandbox.start(SandboxOptions.defaults().withApiKey(KEY));
  private final TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
  private final DeleteSuprSendUser delete;

  DistinctIdProbe() {
    activities.registerActivitiesImplementations(
        new DeleteSuprSendUserImpl(
            SuprSendClients.userApi(SuprSendSettings.of(sandbox.baseUrl(), KEY))));
    delete =
        activities.newActivityStub(
            DeleteSuprSendUser.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  synchronized Result send(String id) {
    sandbox.clearRequests();
    try {
      delete.delete(id);
      return new Result(id, sandbox.requests(), null, null);
    } catch (ActivityFailure failure) {
      ApplicationFailure cause = (ApplicationFailure) failure.getCause();
      return new Result(id, sandbox.requests(), cause.getType(), cause.getOriginalMessage());
    }
  }

  @Override
  public void close() {
    activities.close();
    sandbox.close();
  }
}
