package dev.offboarding.suprsend.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.EndToEndRig;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.devtools.Offboard;
import dev.offboarding.suprsend.devtools.realserver.DevServer;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.sandbox.ScriptedResponse.BodyKind;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code OffboardingState} search attribute on the real server: the visibility query an
 * operator filters by (in the Temporal UI or {@code ./offboard list}) lists exactly the runs in
 * that state, and follows them when an operator moves one on.
 */
class OffboardingStateFilterTest {

  private final Cli cli = new Cli(Offboard::execute);

  @Test
  void theNeedsAttentionFilterListsExactlyTheParkedRuns() {
    try (DevServer server =
            RealTemporal.start("state-filter", RealTemporal.headless("state-filter"));
        EndToEndRig rig =
            EndToEndRig.onTemporal(
                server.address(), "state-filter", SandboxOptions.defaults(), Map.of())) {
      var sandbox = rig.sandbox();
      sandbox.addUsers(List.of("f-deleted", "f-refused", "f-html-404", "f-grace", "f-approval"));
      sandbox.script("f-refused", ScriptedResponse.status(401));
      sandbox.script("f-html-404", ScriptedResponse.status(404, BodyKind.HTML));
      assertThat(cli.run(rig.env(), "start", "f-deleted", "--wait").exit()).isZero();
      assertThat(cli.run(rig.env(), "start", "f-refused", "--wait").exit()).isEqualTo(3);
      assertThat(cli.run(rig.env(), "start", "f-html-404", "--wait").exit()).isEqualTo(3);
      assertThat(cli.run(rig.env(), "start", "f-grace", "--grace-period", "PT72H").exit()).isZero();
      assertThat(cli.run(rig.env(), "start", "f-approval", "--require-approval").exit()).isZero();
      WorkflowServiceStubs service = rig.workerConnection().client().getWorkflowServiceStubs();

      Visibility.awaitExactly(service, Visibility.NEEDS_ATTENTION, ids("f-refused", "f-html-404"));
      Visibility.awaitExactly(service, state("GRACE_PERIOD"), ids("f-grace"));
      Visibility.awaitExactly(service, state("AWAITING_APPROVAL"), ids("f-approval"));
      Visibility.awaitExactly(service, state("COMPLETED"), ids("f-deleted"));

      // The scripted 401 was a one-off: a retry deletes the user and the run leaves the filter.
      Cli.Run retry = cli.run(rig.env(), "retry", "f-refused", "--note", "key fixed");
      assertThat(retry.exit()).as(retry.all()).isZero();

      Visibility.awaitExactly(service, Visibility.NEEDS_ATTENTION, ids("f-html-404"));
      Visibility.awaitExactly(service, state("COMPLETED"), ids("f-deleted", "f-refused"));
      assertThat(sandbox.hasUser("f-refused")).isFalse();
      assertThat(sandbox.hasUser("f-html-404")).isTrue();
    }
  }

  private static String state(String state) {
    return "WorkflowType='UserOffboarding' AND OffboardingState='" + state + "'";
  }

  private static List<String> ids(String... distinctIds) {
    return List.of(distinctIds).stream().map(OffboardingIds::workflowIdFor).toList();
  }
}
