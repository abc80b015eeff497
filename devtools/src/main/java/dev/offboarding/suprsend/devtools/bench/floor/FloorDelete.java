package dev.offboarding.suprsend.devtools.bench.floor;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The floor's one activity: the DELETE, through the worker's own SuprSend client. */
@ActivityInterface
public interface FloorDelete {

  @ActivityMethod(name = "BenchFloorDelete")
  int delete(String distinctId);
}
