package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search-attribute check over real gRPC, against a server that answers Temporal's {@code
 * ListSearchAttributes} (Temporal's Java test server does not implement it).
 */
class SearchAttributeCheckTest {

  private final Map<String, IndexedValueType> registered = new ConcurrentHashMap<>();
  private Server server;

  @BeforeEach
  void start() throws Exception {
    server =
        NettyServerBuilder.forPort(0)
            .addService(
                new OperatorServiceGrpc.OperatorServiceImplBase() {
                  @Override
                  public void listSearchAttributes(
                      ListSearchAttributesRequest request,
                      StreamObserver<ListSearchAttributesResponse> response) {
                    assertThat(request.getNamespace()).isEqualTo("offboarding");
                    response.onNext(
                        ListSearchAttributesResponse.newBuilder()
                            .putAllCustomAttributes(registered)
                            .build());
                    response.onCompleted();
                  }
                })
            .build()
            .start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private List<String> missing() {
    try (TemporalConnection temporal =
        TemporalConnection.connect(
            Map.of(
                "TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml",
                "TEMPORAL_ADDRESS", "127.0.0.1:" + server.getPort(),
                "TEMPORAL_NAMESPACE", "offboarding"))) {
      return temporal.missingSearchAttributes(
          OffboardingSearchAttributes.REQUIRED, Duration.ofSeconds(5));
    }
  }

  @Test
  void namesEachMissingAttributeWithTheCommandThatRegistersIt() {
    registered.put("CustomerTier", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    assertThat(missing())
        .singleElement()
        .asString()
        .contains("OffboardingState (Keyword) is not registered on namespace offboarding")
        .contains(
            "temporal operator search-attribute create --namespace offboarding --name"
                + " OffboardingState --type Keyword");
  }

  @Test
  void anAttributeOfAnotherTypeIsNotTheOneNeeded() {
    registered.put("OffboardingState", IndexedValueType.INDEXED_VALUE_TYPE_TEXT);
    assertThat(missing()).hasSize(1);
  }

  @Test
  void nothingIsMissingOnceRegistered() {
    registered.put("OffboardingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    assertThat(missing()).isEmpty();
  }
}
