package dev.offboarding.suprsend.sandbox;

import java.util.ArrayDeque;
import java.util.List;

/** A thread-safe bounded buffer that drops its oldest element when full. */
final class RingBuffer<T> {

  private final int capacity;
  private final ArrayDeque<T> items;

  RingBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.capacity = capacity;
    this.items = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  synchronized void add(T item) {
    if (items.size() == capacity) {
      items.pollFirst();
    }
    items.addLast(item);
  }

  synchronized List<T> snapshot() {
    return List.copyOf(items);
  }

  synchronized void clear() {
    items.clear();
  }
}
