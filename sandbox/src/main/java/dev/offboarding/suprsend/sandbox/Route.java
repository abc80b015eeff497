package dev.offboarding.suprsend.sandbox;

/**
 * Where an API request's raw path leads. Ids are taken from exactly one raw path segment and
 * strictly percent-decoded; anything else does not match a route.
 *
 * @param kind the route
 * @param distinctId decoded user id for user routes, else null
 * @param listId decoded list id for subscriber-list routes, else null
 */
record Route(Route.Kind kind, String distinctId, String listId) {

  /** The API routes the sandbox knows. */
  enum Kind {
    USER,
    USER_LISTS,
    LIST_ADD,
    LIST_REMOVE,
    TRIGGER,
    /** A route matched but one of its id segments is not a valid encoded segment. */
    BAD_SEGMENT,
    NOT_FOUND
  }

  private static final String USER_PREFIX = "/v1/user/";
  private static final String LIST_PREFIX = "/v1/subscriber_list/";

  static Route parse(String rawPath) {
    if (rawPath.equals("/trigger/")) {
      return new Route(Kind.TRIGGER, null, null);
    }
    if (rawPath.startsWith(USER_PREFIX)) {
      String[] parts = rawPath.substring(USER_PREFIX.length()).split("/", -1);
      if (parts[0].isEmpty()) {
        return notFound();
      }
      if (parts.length == 2 && parts[1].isEmpty()) {
        return withUser(Kind.USER, parts[0]);
      }
      if (parts.length == 4
          && parts[1].equals("subscribed_to")
          && parts[2].equals("list")
          && parts[3].isEmpty()) {
        return withUser(Kind.USER_LISTS, parts[0]);
      }
      return notFound();
    }
    if (rawPath.startsWith(LIST_PREFIX)) {
      String[] parts = rawPath.substring(LIST_PREFIX.length()).split("/", -1);
      if (parts.length == 4
          && !parts[0].isEmpty()
          && parts[1].equals("subscriber")
          && (parts[2].equals("add") || parts[2].equals("remove"))
          && parts[3].isEmpty()) {
        Kind kind = parts[2].equals("add") ? Kind.LIST_ADD : Kind.LIST_REMOVE;
        try {
          return new Route(kind, null, PathSegments.decode(parts[0]));
        } catch (IllegalArgumentException e) {
          return new Route(Kind.BAD_SEGMENT, null, null);
        }
      }
    }
    return notFound();
  }

  private static Route withUser(Kind kind, String rawSegment) {
    try {
      return new Route(kind, PathSegments.decode(rawSegment), null);
    } catch (IllegalArgumentException e) {
      return new Route(Kind.BAD_SEGMENT, null, null);
    }
  }

  private static Route notFound() {
    return new Route(Kind.NOT_FOUND, null, null);
  }
}
