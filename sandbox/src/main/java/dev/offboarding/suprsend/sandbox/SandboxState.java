package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated workspace: users, their properties and subscriber lists, and the trigger idempotency
 * keys seen.
 *
 * <p>Membership changes take one lock (they touch a user and a list together); {@link
 * #hasUser(String)} and {@link #userCount()} read a concurrent map without it.
 */
final class SandboxState {

  /** One subscription of a user, in the order the list endpoint pages through them. */
  record Subscription(String listId, String listName, Instant subscribedAt) {
    static final Comparator<Subscription> ORDER =
        Comparator.comparing(Subscription::subscribedAt).thenComparing(Subscription::listId);
  }

  private static final class User {
    final String distinctId;
    final Instant createdAt;
    Instant updatedAt;
    final ObjectNode properties = Json.object();
    final Map<String, Instant> subscriptions = new HashMap<>();

    User(String distinctId, Instant now) {
      this.distinctId = distinctId;
      this.createdAt = now;
      this.updatedAt = now;
    }
  }

  private static final class SubscriberList {
    final String name;
    final Set<String> members = new LinkedHashSet<>();

    SubscriberList(String name) {
      this.name = name;
    }
  }

  private final ConcurrentHashMap<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, SubscriberList> lists = new HashMap<>(); // guarded by this
  private final ConcurrentHashMap<String, String> idempotencyKeys = new ConcurrentHashMap<>();

  boolean hasUser(String distinctId) {
    return users.containsKey(distinctId);
  }

  int userCount() {
    return users.size();
  }

  /** Adds the users that do not exist yet; returns how many were new. */
  synchronized int addUsers(Collection<String> distinctIds) {
    Instant now = Instant.now();
    int added = 0;
    for (String id : distinctIds) {
      if (users.putIfAbsent(id, new User(id, now)) == null) {
        added++;
      }
    }
    return added;
  }

  /** Creates or updates a user, merging top-level properties; returns the profile. */
  synchronized ObjectNode upsert(String distinctId, JsonNode properties) {
    Instant now = Instant.now();
    User user = users.computeIfAbsent(distinctId, id -> new User(id, now));
    if (properties != null && properties.isObject()) {
      for (Map.Entry<String, JsonNode> e : properties.properties()) {
        user.properties.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    user.updatedAt = now;
    return profileOf(user);
  }

  /** The user's profile JSON, or null if there is no such user. */
  synchronized ObjectNode profile(String distinctId) {
    User user = users.get(distinctId);
    return user == null ? null : profileOf(user);
  }

  /** Deletes a user and all their list memberships; false if there was no such user. */
  synchronized boolean delete(String distinctId) {
    User user = users.remove(distinctId);
    if (user == null) {
      return false;
    }
    for (String listId : user.subscriptions.keySet()) {
      SubscriberList list = lists.get(listId);
      if (list != null) {
        list.members.remove(distinctId);
      }
    }
    return true;
  }

  /**
   * Adds users to a list, creating the list and any missing user; returns how many memberships were
   * new.
   */
  synchronized int addToList(String listId, Collection<String> distinctIds) {
    Instant now = Instant.now();
    SubscriberList list = lists.computeIfAbsent(listId, SubscriberList::new);
    int changed = 0;
    for (String id : distinctIds) {
      User user = users.computeIfAbsent(id, x -> new User(x, now));
      if (list.members.add(id)) {
        user.subscriptions.put(listId, now);
        changed++;
      }
    }
    return changed;
  }

  /** Removes users from a list; returns how many memberships ended, or -1 if no such list. */
  synchronized int removeFromList(String listId, Collection<String> distinctIds) {
    SubscriberList list = lists.get(listId);
    if (list == null) {
      return -1;
    }
    int changed = 0;
    for (String id : distinctIds) {
      if (list.members.remove(id)) {
        User user = users.get(id);
        if (user != null) {
          user.subscriptions.remove(listId);
        }
        changed++;
      }
    }
    return changed;
  }

  /** The user's subscriptions in paging order, or null if there is no such user. */
  synchronized List<Subscription> subscriptions(String distinctId) {
    User user = users.get(distinctId);
    if (user == null) {
      return null;
    }
    List<Subscription> out = new ArrayList<>(user.subscriptions.size());
    user.subscriptions.forEach(
        (listId, at) -> out.add(new Subscription(listId, lists.get(listId).name, at)));
    out.sort(Subscription.ORDER);
    return out;
  }

  /** Ids of the lists the user is in (empty if the user does not exist). */
  synchronized Set<String> listsOf(String distinctId) {
    User user = users.get(distinctId);
    return user == null
        ? Set.of()
        : java.util.Collections.unmodifiableSet(new TreeSet<>(user.subscriptions.keySet()));
  }

  /** Remembers the key; returns the message id of an earlier call with it, else null. */
  String rememberIdempotencyKey(String key, String messageId) {
    return idempotencyKeys.putIfAbsent(key, messageId);
  }

  /** Forgets every user, list and idempotency key. */
  synchronized void clear() {
    users.clear();
    lists.clear();
    idempotencyKeys.clear();
  }

  private static ObjectNode profileOf(User user) {
    ObjectNode node = Json.object();
    node.put("distinct_id", user.distinctId);
    node.set("properties", user.properties.deepCopy());
    node.put("created_at", user.createdAt.toString());
    node.put("updated_at", user.updatedAt.toString());
    return node;
  }
}
