package dev.offboarding.suprsend.devtools.testserver;

import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a slowdown of Temporal's Java test server (checked in 1.38.0) that grows with every
 * workflow it has run: its timer keeps a diagnostic {@code LinkedList} of lock events to which
 * every workflow adds about six entries that are never removed, and every state update removes its
 * own (recent) entry with {@code LinkedList.remove(Object)}, which scans from the oldest. After
 * 10,000 workflows each update walks about 60,000 nodes: in the benchmark this was a fifth of all
 * CPU time, and growing.
 *
 * <p>The fix keeps the list and its contents as they are and only makes {@code remove} search from
 * the newest end ({@code removeLastOccurrence}: the same element, since events compare by
 * identity), so an update costs what it did on a fresh server. Applied by reflection where the test
 * server still runs on a port: {@code dev --embedded}, {@code server --embedded} and {@code bench}
 * (the real server of {@code dev} and {@code server} needs no such fix); if a future test server
 * changes its internals, nothing is changed and a debug line says so.
 */
public final class TestServerLockEvents {

  private static final Logger log = LoggerFactory.getLogger(TestServerLockEvents.class);

  private TestServerLockEvents() {}

  /** The list with a tail-first {@code remove}. */
  @SuppressWarnings("JdkObsolete") // the test server's field is a LinkedList: this replaces it
  public static final class TailFirstList<E> extends LinkedList<E> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean remove(Object o) {
      return removeLastOccurrence(o);
    }
  }

  /**
   * Patches the timer of {@code server} (an {@code InProcessTestServer} or {@code
   * PortBoundTestServer}); true when it was patched.
   */
  public static boolean patch(Object server) {
    try {
      Object starter = fieldOfType(server, "io.temporal.internal.testservice.TestServicesStarter");
      Object timer = field(starter, "selfAdvancingTimer");
      Lock lock = (Lock) field(timer, "lock");
      Field events = timer.getClass().getDeclaredField("lockEvents");
      events.setAccessible(true);
      lock.lock();
      try {
        @SuppressWarnings("unchecked")
        LinkedList<Object> old = (LinkedList<Object>) events.get(timer);
        if (old instanceof TailFirstList) {
          return true;
        }
        TailFirstList<Object> replacement = new TailFirstList<>();
        replacement.addAll(old);
        events.set(timer, replacement);
      } finally {
        lock.unlock();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("Test server not patched (its internals changed?): {}", e.toString());
      return false;
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }

  private static Object fieldOfType(Object owner, String typeName)
      throws ReflectiveOperationException {
    for (Field f : owner.getClass().getDeclaredFields()) {
      if (f.getType().getName().equals(typeName)) {
        f.setAccessible(true);
        return f.get(owner);
      }
    }
    throw new NoSuchFieldException(typeName + " in " + owner.getClass().getName());
  }
}
