package dev.offboarding.suprsend.worker.reliability;

import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The project's SuprSend sandbox: stateful, deleted users are gone, faults by seeded chance. */
final class SandboxStandIn implements SuprSendStandIn {

  private final SuprSendSandbox sandbox;
  private int users;
  private double faultRate;

  SandboxStandIn(String apiKey) {
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults().withApiKey(apiKey));
  }

  @Override
  public String name() {
    return "the project's sandbox";
  }

  @Override
  public URI baseUrl() {
    return sandbox.baseUrl();
  }

  @Override
  public void prepare(Collection<String> ids, double faultRate, long seed) {
    sandbox.addUsers(ids);
    sandbox.setFaultRate(faultRate, seed);
    users = ids.size();
    this.faultRate = faultRate;
  }

  @Override
  public int deletedCount() {
    return users - sandbox.userCount();
  }

  @Override
  public boolean deleted(String user) {
    return !sandbox.hasUser(user);
  }

  @Override
  public Map<String, Object> figures() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("transient faults", "a seeded " + faultRate + " of all DELETE calls answered 503");
    figures.put("SuprSend answers (status: count)", sandbox.stats().byStatus());
    figures.put("DELETE requests", sandbox.stats().requests());
    return figures;
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
