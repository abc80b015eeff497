package dev.offboarding.suprsend.devtools.bench.floor;

import dev.offboarding.suprsend.client.SuprSendUserApi;

/** Sends the DELETE with the production Feign client (the one the real activity uses). */
public final class FloorDeleteImpl implements FloorDelete {

  private final SuprSendUserApi api;

  public FloorDeleteImpl(SuprSendUserApi api) {
    this.api = api;
  }

  @Override
  public int delete(String distinctId) {
    return api.deleteUser(distinctId).code();
  }
}
