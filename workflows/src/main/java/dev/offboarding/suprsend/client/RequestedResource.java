package dev.offboarding.suprsend.client;

import feign.Request;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which SuprSend resource a request addressed, read back from the request's own URL: a user (by
 * distinct id) or a subscriber list (by list id), the id decoded from its path segment. The error
 * decoder compares a not-found answer with it, so a 404 naming anything else is never taken for
 * "the thing we asked about is gone".
 *
 * @param type what was addressed
 * @param id the decoded id, or null when {@code type} is {@link Type#OTHER}
 */
record RequestedResource(Type type, String id) {

  /** What a request addressed. */
  enum Type {
    /** {@code /v1/user/{distinct_id}/...}: the user API. */
    USER,
    /** {@code /v1/subscriber_list/{list_id}/subscriber/...}: one subscriber list. */
    LIST,
    /** Anything else (the trigger, or no request known). */
    OTHER
  }

  private static final Pattern USER =
      Pattern.compile(".*/v1/user/([^/]+)/(?:subscribed_to/list/)?");
  private static final Pattern LIST =
      Pattern.compile(".*/v1/subscriber_list/([^/]+)/subscriber/(?:add|remove)/");

  private static final RequestedResource OTHER = new RequestedResource(Type.OTHER, null);

  /** The resource {@code request} addressed; {@link Type#OTHER} when it cannot be told. */
  static RequestedResource of(Request request) {
    if (request == null || request.url() == null) {
      return OTHER;
    }
    String path;
    try {
      path = URI.create(request.url()).getRawPath();
    } catch (IllegalArgumentException unparsable) {
      return OTHER;
    }
    if (path == null) {
      return OTHER;
    }
    RequestedResource user = match(USER, Type.USER, path);
    return user != null ? user : orOther(match(LIST, Type.LIST, path));
  }

  private static RequestedResource match(Pattern pattern, Type type, String path) {
    Matcher matcher = pattern.matcher(path);
    if (!matcher.matches()) {
      return null;
    }
    String id = PathSegment.decode(matcher.group(1));
    return id == null ? null : new RequestedResource(type, id);
  }

  private static RequestedResource orOther(RequestedResource resource) {
    return resource == null ? OTHER : resource;
  }
}
