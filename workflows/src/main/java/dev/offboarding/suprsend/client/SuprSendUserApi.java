package dev.offboarding.suprsend.client;

import feign.Headers;
import feign.Param;
import feign.RequestLine;

/**
 * SuprSend's user API, declared for Feign. Build it with {@link SuprSendClients}, which wires auth,
 * error decoding, timeouts and the no-retry policy.
 */
@Headers("Accept: application/json")
public interface SuprSendUserApi {

  /**
   * {@code DELETE /v1/user/{distinct_id}/}: 204 when the user was deleted.
   *
   * <p>The id always travels as exactly one percent-encoded path segment ({@link PathSegment}), so
   * {@code a/b}, {@code ..} or {@code ?x} cannot reach another route. Non-2xx answers are raised as
   * {@link SuprSendApiException} by {@link SuprSendErrorDecoder}.
   *
   * @return the HTTP status of the 2xx answer
   */
  @RequestLine(value = "DELETE /v1/user/{distinct_id}/", decodeSlash = false)
  HttpStatus deleteUser(
      @Param(value = "distinct_id", expander = PathSegment.class, encoded = true)
          String distinctId);

  /**
   * {@code GET /v1/user/{distinct_id}/}: 200 when the user exists; SuprSend's user-not-found 404 is
   * raised as a {@link SuprSendApiException} of kind {@link FailureKind#USER_NOT_FOUND}.
   */
  @RequestLine(value = "GET /v1/user/{distinct_id}/", decodeSlash = false)
  HttpStatus getUser(
      @Param(value = "distinct_id", expander = PathSegment.class, encoded = true)
          String distinctId);
}
