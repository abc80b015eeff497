package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The emulated SuprSend API's front: routes each request and records it. Order of checks for every
 * request: latency, route (unknown routes get a router's HTML 404 before anything else), {@code
 * Authorization}, rate limit, then the endpoint ({@link ScriptedDelete} for {@code DELETE
 * /v1/user/{id}/}: scripted responses, then random fault injection, then the normal behaviour).
 */
final class ApiHandler {

  static final String NOT_AUTHENTICATED = "Not Authenticated - could not find Workspace details";

  private final BearerAuth auth;
  private final FaultInjection faults;
  private final Recordings recordings;
  private final UserEndpoints users;
  private final ScriptedDelete delete;
  private final SubscriptionPages subscriptions;
  private final ListMembership lists;
  private final TriggerEndpoint trigger;

  ApiHandler(SandboxState state, BearerAuth auth, FaultInjection faults, Recordings recordings) {
    this.auth = auth;
    this.faults = faults;
    this.recordings = recordings;
    this.users = new UserEndpoints(state, recordings);
    this.delete = new ScriptedDelete(faults, users);
    this.subscriptions = new SubscriptionPages(state);
    this.lists = new ListMembership(state);
    this.trigger = new TriggerEndpoint(state);
  }

  void handle(HttpExchange exchange, String rawPath, byte[] body)
      throws IOException, InterruptedException {
    recordings.countArrival();
    faults.delay();
    String method = exchange.getRequestMethod();
    Route route = Route.parse(rawPath);
    Reply reply = respond(exchange, method, route, rawPath, body);
    Instant now = Instant.now();
    recordings.recordRequest(
        new RecordedRequest(
            now,
            method,
            rawPath,
            route.distinctId(),
            exchange.getRequestHeaders(),
            new String(body, StandardCharsets.UTF_8),
            reply.recordedStatus()));
    if (route.kind() == Route.Kind.TRIGGER) {
      recordings.recordTrigger(
          new TriggerCall(now, TriggerEndpoint.recorded(body), reply.recordedStatus()));
    }
    reply.writeTo(exchange);
  }

  private Reply respond(
      HttpExchange exchange, String method, Route route, String rawPath, byte[] body)
      throws InterruptedException {
    if (route.kind() == Route.Kind.NOT_FOUND) {
      return Reply.routerHtml(404);
    }
    if (route.kind() == Route.Kind.BAD_SEGMENT) {
      return Reply.routerHtml(400);
    }
    if (!auth.isAuthorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return Reply.text(401, NOT_AUTHENTICATED);
    }
    long waitNanos = faults.rateLimitWaitNanos();
    if (waitNanos > 0) {
      recordings.countRateLimited();
      long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
      ObjectNode err = Json.object().put("code", 429).put("message", "rate limit exceeded");
      return Reply.json(429, err).withHeader("Retry-After", Long.toString(seconds));
    }
    return switch (route.kind()) {
      case USER ->
          switch (method) {
            case "DELETE" -> delete.delete(route.distinctId(), rawPath);
            case "GET" -> users.get(route.distinctId());
            case "POST" -> users.upsert(route.distinctId(), body);
            default -> methodNotAllowed("GET, POST, DELETE");
          };
      case USER_LISTS ->
          method.equals("GET")
              ? subscriptions.page(route.distinctId(), exchange.getRequestURI().getRawQuery())
              : methodNotAllowed("GET");
      case LIST_ADD, LIST_REMOVE ->
          method.equals("POST")
              ? lists.change(route.listId(), route.kind() == Route.Kind.LIST_ADD, body)
              : methodNotAllowed("POST");
      case TRIGGER -> method.equals("POST") ? trigger.trigger(body) : methodNotAllowed("POST");
      default -> Reply.routerHtml(404);
    };
  }

  private static Reply methodNotAllowed(String allow) {
    return UserEndpoints.error(405, "method not allowed").withHeader("Allow", allow);
  }
}
