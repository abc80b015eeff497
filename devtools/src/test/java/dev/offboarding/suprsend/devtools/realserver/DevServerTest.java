package dev.offboarding.suprsend.devtools.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offboarding.suprsend.cli.Cli;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The real Temporal dev server as the dev tools start it. */
class DevServerTest {

  @Test
  void startsOnLoopbackOnlyWithTheOffboardingSearchAttribute() throws IOException {
    try (DevServer server = RealTemporal.start("dev-server-test")) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      OperatorServiceStubs operator =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder(service.getOptions())
                  .setChannel(service.getRawChannel())
                  .build());
      try {
        var attributes =
            operator
                .blockingStub()
                .listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
                .getCustomAttributesMap();
        assertThat(attributes)
            .containsEntry("OffboardingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      } finally {
        operator.shutdownNow();
        service.shutdownNow();
      }
      LoopbackOnly.assertUnreachableFromOutside(server.options().port(), server.options().uiPort());
      try (Socket ui = new Socket(InetAddress.getLoopbackAddress(), server.options().uiPort())) {
        assertThat(ui.isConnected()).isTrue();
      }
    }
  }

  @Test
  @SuppressWarnings("try") // the socket only holds the port
  void aPortInUseIsReportedWithTheServersOwnWords() throws IOException {
    int port = Cli.freePort();
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      DevServer.Options options =
          DevServer.Options.loopback(
              port, Cli.freePort(), java.nio.file.Path.of("target", "real-temporal", "busy.log"));
      assertThatThrownBy(() -> RealTemporal.start("busy", options))
          .isInstanceOf(DevServer.StartFailed.class)
          .hasMessageContaining("exited at start")
          .hasMessageContaining(String.valueOf(port));
    }
  }
}
