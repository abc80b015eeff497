package dev.offboarding.suprsend.devtools;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.nexus.v1.EndpointSpec;
import io.temporal.api.nexus.v1.EndpointTarget;
import io.temporal.api.operatorservice.v1.CreateNexusEndpointRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.concurrent.TimeUnit;

/** Nexus endpoints on a development server (the real one or the embedded test server). */
final class NexusEndpoints {

  private NexusEndpoints() {}

  /**
   * Creates endpoint {@code name}, routing to the workers of {@code taskQueue} in {@code
   * namespace}; an endpoint of that name that already exists is left as it is.
   */
  static void ensure(String target, String name, String namespace, String taskQueue) {
    OperatorServiceStubs stubs =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .createNexusEndpoint(
              CreateNexusEndpointRequest.newBuilder()
                  .setSpec(
                      EndpointSpec.newBuilder()
                          .setName(name)
                          .setTarget(
                              EndpointTarget.newBuilder()
                                  .setWorker(
                                      EndpointTarget.Worker.newBuilder()
                                          .setNamespace(namespace)
                                          .setTaskQueue(taskQueue))))
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    } finally {
      stubs.shutdownNow();
    }
  }
}
