package dev.offboarding.suprsend.workflow;

import java.util.regex.Pattern;

/** Writes distinct ids into commands that can be pasted into a POSIX shell. */
final class Shell {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:@%+=,/-]+");

  private Shell() {}

  /** {@code value} as one shell word: as is when safe, else single-quoted. */
  static String word(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
