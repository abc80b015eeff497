package dev.offboarding.suprsend.worker.deploy;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variable interpolation as Docker Compose does it (compose-spec, "Interpolation"): {@code $$} is a
 * literal {@code $}; {@code ${VAR}} and {@code $VAR} are the value or empty; {@code ${VAR:-x}} is x
 * when VAR is unset or empty, {@code ${VAR-x}} only when unset; {@code ${VAR:?msg}} fails when VAR
 * is unset or empty, {@code ${VAR?msg}} only when unset; {@code ${VAR:+x}} is x when VAR is set and
 * not empty, {@code ${VAR+x}} when set. Compose reads the variables from the shell and {@code
 * .env}.
 */
public final class ComposeInterpolation {

  private static final Pattern REFERENCE =
      Pattern.compile(
          "\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

  private ComposeInterpolation() {}

  /** {@code value} with every reference resolved from {@code variables}. */
  public static String resolve(String value, Map<String, String> variables) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement(m, variables)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replacement(Matcher m, Map<String, String> variables) {
    if (m.group(1) != null) {
      return "$";
    }
    String name = m.group(2) != null ? m.group(2) : m.group(5);
    String value = variables.get(name);
    String operator = m.group(3);
    if (operator == null) {
      return value == null ? "" : value;
    }
    boolean colon = operator.startsWith(":");
    boolean absent = value == null || (colon && value.isEmpty());
    String word = m.group(4);
    return switch (operator.charAt(operator.length() - 1)) {
      case '-' -> absent ? word : value;
      case '+' -> absent ? "" : word;
      default -> {
        if (absent) {
          throw new IllegalArgumentException(
              "required variable " + name + " is missing a value: " + word);
        }
        yield value;
      }
    };
  }
}
