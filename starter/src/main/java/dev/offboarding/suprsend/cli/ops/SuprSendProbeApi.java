package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.client.HttpStatus;
import dev.offboarding.suprsend.client.PathSegment;
import feign.Headers;
import feign.Param;
import feign.RequestLine;

/**
 * The harmless authenticated request {@code ./offboard check} makes: read a user that does not
 * exist. Built with {@link dev.offboarding.suprsend.client.SuprSendClients#builder}, so auth, error
 * classification and the no-retry policy are the worker's own.
 */
@Headers("Accept: application/json")
interface SuprSendProbeApi {

  /**
   * {@code GET /v1/user/{distinct_id}/}: 200 with the profile, or SuprSend's JSON user-not-found
   * 404 (raised as a {@link dev.offboarding.suprsend.client.SuprSendApiException}).
   */
  @RequestLine(value = "GET /v1/user/{distinct_id}/", decodeSlash = false)
  HttpStatus getUser(
      @Param(value = "distinct_id", expander = PathSegment.class, encoded = true)
          String distinctId);
}
