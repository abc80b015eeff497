package dev.offboarding.suprsend.worker.reliability;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random strings, from plain ASCII to arbitrary UTF-16 (control characters, unpaired surrogates,
 * emoji, reserved URI characters): each either reaches the sandbox as one path segment that decodes
 * to exactly the input, or is refused before any HTTP call with a clear error.
 */
class HostileDistinctIdProperties {

  private static DistinctIdProbe probe;

  private static synchronized DistinctIdProbe probe() {
    if (probe == null) {
      probe = new DistinctIdProbe();
    }
    return probe;
  }

  @AfterContainer
  static void close() {
    if (probe != null) {
      probe.close();
      probe = null;
    }
  }

  @Property(tries = 400)
  void anyIdIsOneSegmentOrRefused(@ForAll("distinctIds") String id) {
    HostileDistinctIdTest.assertWellBehaved(probe().send(id));
  }

  @Provide
  Arbitrary<String> distinctIds() {
    Arbitrary<String> reserved =
        Arbitraries.strings().withChars("/?#%[]@!$&'()*+,;=:. ~-_\\\"<>{}|^`").ofMaxLength(20);
    Arbitrary<String> anyUtf16 = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<String> mixed =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("/%.?# +")
            .withCharRange('\u0080', '\u07FF')
            .withCharRange('\u200B', '\u202F')
            .withCharRange('\uD83D', '\uD83D')
            .withCharRange('\uDE00', '\uDE4F')
            .ofMaxLength(60);
    Arbitrary<String> nearTheLimit =
        Arbitraries.strings().alpha().numeric().ofMinLength(500).ofMaxLength(530);
    return Arbitraries.frequencyOf(
        Tuple.of(3, reserved),
        Tuple.of(3, anyUtf16),
        Tuple.of(3, mixed),
        Tuple.of(1, nearTheLimit));
  }
}
