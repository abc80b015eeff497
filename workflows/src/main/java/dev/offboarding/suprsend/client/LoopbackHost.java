package dev.offboarding.suprsend.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a URL's host is this machine, read from the host text alone, never by a DNS lookup:
 * {@code localhost}, an IPv4 literal in {@code 127.0.0.0/8}, or the IPv6 literal {@code [::1]}.
 */
final class LoopbackHost {

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

  private LoopbackHost() {}

  /** True for a loopback host; false for null, names other than localhost, and other addresses. */
  static boolean is(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (!IPV4.matcher(h).matches() && !IPV6.matcher(h).matches()) {
      return false;
    }
    try {
      // An address literal: parsed, not looked up.
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException malformed) {
      return false;
    }
  }
}
