package dev.offboarding.suprsend.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A list in workflow state that never grows without bound: it keeps the first {@code first} and the
 * last {@code last} entries and counts the ones dropped in between.
 */
final class BoundedLog<T> {

  private final int first;
  private final int last;
  private final List<T> head = new ArrayList<>();
  private final Deque<T> tail = new ArrayDeque<>();
  private int dropped;

  BoundedLog(int first, int last) {
    this.first = first;
    this.last = last;
  }

  void add(T entry) {
    if (head.size() < first) {
      head.add(entry);
      return;
    }
    tail.addLast(entry);
    if (tail.size() > last) {
      tail.removeFirst();
      dropped++;
    }
  }

  /** Takes over what an earlier run kept (in order) and how many it dropped. */
  void restore(List<T> kept, int droppedBefore) {
    kept.forEach(this::add);
    dropped += droppedBefore;
  }

  /** The kept entries, oldest first. */
  List<T> entries() {
    List<T> all = new ArrayList<>(head);
    all.addAll(tail);
    return List.copyOf(all);
  }

  /** The newest entry, or null. */
  T newest() {
    return !tail.isEmpty() ? tail.peekLast() : head.isEmpty() ? null : head.get(head.size() - 1);
  }

  int dropped() {
    return dropped;
  }
}
