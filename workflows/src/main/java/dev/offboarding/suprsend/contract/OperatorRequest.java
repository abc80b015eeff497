package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The argument of every operator update ({@code approve}, {@code reject}, {@code cancel}, {@code
 * retry}, {@code skip}, {@code abort}): {@code {"operator": "alice", "note": "key rotated"}}.
 *
 * @param operator who decides; required
 * @param note why; required for {@code skip}, optional otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperatorRequest(String operator, String note) {

  /** The longest note kept, in characters. */
  public static final int MAX_NOTE_CHARS = 2000;

  /** The longest operator name, in characters. */
  public static final int MAX_OPERATOR_CHARS = 200;
}
