package dev.offboarding.suprsend.worker;

import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the workflow's search attributes ({@code OffboardingState}) in the namespace when they
 * are missing. Without them every upsert would fail the run's workflow tasks, so a worker that
 * cannot register them does not start.
 */
final class SearchAttributeSetup {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeSetup.class);

  private SearchAttributeSetup() {}

  static void ensureRegistered(WorkflowClient client) {
    WorkflowServiceStubs service = client.getWorkflowServiceStubs();
    String namespace = client.getOptions().getNamespace();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(service.getOptions())
                .setChannel(service.getRawChannel())
                .build());
    try {
      Map<String, IndexedValueType> existing = existing(operator, namespace);
      Map<String, IndexedValueType> missing = new LinkedHashMap<>();
      OffboardingSearchAttributes.REQUIRED.forEach(
          (name, type) -> {
            if (!existing.containsKey(name)) {
              missing.put(name, type);
            }
          });
      if (missing.isEmpty()) {
        return;
      }
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putAllSearchAttributes(missing)
                    .build());
        log.info("Registered search attribute(s) {} in namespace {}", missing.keySet(), namespace);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    } catch (StatusRuntimeException e) {
      throw new TemporalConnection.TemporalUnreachable(
          "the search attribute "
              + OffboardingSearchAttributes.STATE.getName()
              + " is not registered in namespace "
              + namespace
              + " and could not be registered ("
              + e.getStatus().getCode()
              + "). Register it once, e.g. temporal operator search-attribute create --namespace "
              + namespace
              + " --name "
              + OffboardingSearchAttributes.STATE.getName()
              + " --type Keyword (Temporal Cloud: tcld or the UI), then start the worker again",
          e);
    } finally {
      operator.shutdown();
    }
  }

  /**
   * The namespace's custom attributes; empty when the server cannot list them (Temporal's Java test
   * server), in which case adding tells whether they exist.
   */
  private static Map<String, IndexedValueType> existing(
      OperatorServiceStubs operator, String namespace) {
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Map.of();
      }
      throw e;
    }
  }
}
