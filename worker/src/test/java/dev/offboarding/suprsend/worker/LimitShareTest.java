package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.temporal.testing.TestWorkflowEnvironment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker's share of the limit for all workers (the count of workers on the real server is in
 * devtools' {@code LimitShareOnRealServerTest}).
 */
class LimitShareTest {

  @Test
  void eachOfNWorkersIsPacedAtItsShareOfTheTotalWithTheMargin() {
    assertThat(LimitShare.rate(100, 100, 1)).isCloseTo(95, within(1e-9));
    assertThat(LimitShare.rate(100, 100, 2)).isCloseTo(47.5, within(1e-9));
    assertThat(LimitShare.rate(15, 15, 2)).isCloseTo(7.125, within(1e-9));
  }

  @Test
  void aLowerPerWorkerLimitStaysTheBound() {
    assertThat(LimitShare.rate(100, 20, 2)).isCloseTo(19, within(1e-9));
  }

  @Test
  void noWorkersCountedIsCountedAsOne() {
    assertThat(LimitShare.rate(100, 100, 0)).isCloseTo(95, within(1e-9));
  }

  @Test
  void thePacerTakesANewRateFromTheNextRequestOn() {
    RequestPacer pacer = new RequestPacer(100);
    pacer.setRate(LimitShare.rate(100, 100, 4));

    assertThat(pacer.interval(TimeUnit.MICROSECONDS)).isEqualTo(42_105); // 1 s / 23.75
  }

  @Test
  void whereTheServerCannotCountWorkersThePerWorkerLimitStays() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      env.newWorker("share").registerActivitiesImplementations();
      env.start();
      RequestPacer pacer = new RequestPacer(LimitShare.rate(100, 100, 1));
      LimitShare share = LimitShare.start(env.getWorkflowClient(), "share", pacer, 100, 100);
      try {
        share.refresh();

        assertThat(share.workers()).isEqualTo(1);
        assertThat(pacer.interval(TimeUnit.MICROSECONDS)).isEqualTo(10_526); // 1 s / 95
      } finally {
        share.close();
      }
    }
  }
}
