package dev.offboarding.suprsend.devtools.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's network, natively. In compose every service is a host named after the service on the
 * stack's own network, listens on all of its container's interfaces, and is published on the host's
 * loopback only. Natively every service runs on this machine's loopback: a service name used as a
 * host ({@code temporal:7233}, {@code http://sandbox:8099}, {@code postgresql}) becomes {@code
 * 127.0.0.1}, and a bind to every interface ({@code 0.0.0.0}) becomes a bind to loopback, which is
 * what the published port gave. Nothing else in a value changes.
 */
final class NativeNetwork {

  static final String LOOPBACK = "127.0.0.1";

  private final Pattern host;

  NativeNetwork(Set<String> serviceNames) {
    this.host =
        Pattern.compile(
            "(?<=^|//|@)("
                + String.join("|", serviceNames.stream().map(Pattern::quote).toList())
                + "|0\\.0\\.0\\.0)(?=$|:|/)");
  }

  String translate(String value) {
    return host.matcher(value).replaceAll(Matcher.quoteReplacement(LOOPBACK));
  }

  /**
   * A command-line argument: only a bind to every interface changes (a service's own name, such as
   * the sandbox's {@code sandbox} subcommand, is not a host there).
   */
  static String translateArgument(String argument) {
    return argument.equals("0.0.0.0") ? LOOPBACK : argument;
  }

  Map<String, String> translate(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    env.forEach((k, v) -> out.put(k, translate(v)));
    return out;
  }
}
