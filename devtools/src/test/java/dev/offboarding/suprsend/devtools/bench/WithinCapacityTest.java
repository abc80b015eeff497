package dev.offboarding.suprsend.devtools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Where S3 runs a second time: only on a machine S2 showed slower than the 100 req/s limit. */
class WithinCapacityTest {

  @Test
  void aMachineSlowerThanTheLimitIsAlsoMeasuredAtHalfItsThroughputInStepsOfFive() {
    assertThat(RealServerSuite.withinCapacity(OptionalDouble.of(38.0))).hasValue(15);
    assertThat(RealServerSuite.withinCapacity(OptionalDouble.of(104.9))).hasValue(50);
  }

  @Test
  void aVerySlowMachineIsMeasuredAtFiveRequestsPerSecond() {
    assertThat(RealServerSuite.withinCapacity(OptionalDouble.of(4.0))).hasValue(5);
  }

  @Test
  void aMachineWithATenthToSpareAboveTheLimitNeedsNoSecondPass() {
    assertThat(RealServerSuite.withinCapacity(OptionalDouble.of(110.0))).isEmpty();
  }

  @Test
  void withoutS2ThereIsNothingToGoBy() {
    assertThat(RealServerSuite.withinCapacity(OptionalDouble.empty())).isEmpty();
  }
}
