package dev.offboarding.suprsend.nexus;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import io.nexusrpc.Operation;
import io.nexusrpc.Service;

/**
 * The Nexus service for callers in other namespaces or teams: operation {@code offboard} takes the
 * workflow's input and answers its receipt. It is backed by the {@code UserOffboarding} workflow
 * with the documented id and policies, so a second call for the same user attaches to the open run
 * or answers the completed run's receipt; it never deletes twice.
 */
@Service(name = SuprSendOffboarding.SERVICE)
public interface SuprSendOffboarding {

  String SERVICE = "SuprSendOffboarding";
  String OFFBOARD = "offboard";

  /** The endpoint name {@code ./offboard dev} and the contract tests create. */
  String DEFAULT_ENDPOINT = "suprsend-offboarding";

  @Operation(name = OFFBOARD)
  OffboardingReceipt offboard(OffboardingRequest request);
}
