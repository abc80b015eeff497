package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.workflow.UserOffboarding.Updates;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the {@code ./offboard} CLI spells an operator action for one run, as a line that can be
 * pasted into a POSIX shell. The workflow reports which actions it accepts as data ({@code
 * allowedActions} in the {@code status} query); the CLI renders them with this class, and the
 * Temporal UI's current details name them in prose the same way.
 */
public final class OperatorCommands {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:@%+=,/-]+");

  private OperatorCommands() {}

  /** {@code ./offboard <action> <id> --note "<hint>"} for each action, in order. */
  public static List<String> forActions(String distinctId, List<String> actions) {
    return actions.stream().map(action -> withNote(action, distinctId)).toList();
  }

  /** {@code ./offboard <action> <id> --note "<hint>"}, the hint saying what the note should say. */
  public static String withNote(String action, String distinctId) {
    String hint =
        switch (action) {
          case Updates.SKIP -> "how you know the user is gone from SuprSend";
          case Updates.RETRY -> "what was fixed";
          case Updates.APPROVE -> "optional";
          default -> "why";
        };
    return command(action, distinctId) + " --note \"<" + hint + ">\"";
  }

  /** {@code ./offboard <action> <id>}. */
  public static String command(String action, String distinctId) {
    return "./offboard " + action + " " + word(distinctId);
  }

  /** {@code value} as one shell word: as is when safe, else single-quoted. */
  public static String word(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
