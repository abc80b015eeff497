package dev.offboarding.suprsend.devtools.realserver;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;

/** Checks that ports listen on loopback only: unreachable through this machine's other address. */
public final class LoopbackOnly {

  private LoopbackOnly() {}

  /** Each port refuses connections on a non-loopback address (when the machine has one). */
  public static void assertUnreachableFromOutside(int... ports) {
    Optional<InetAddress> external = nonLoopbackAddress();
    if (external.isEmpty()) {
      return;
    }
    for (int port : ports) {
      assertThatThrownBy(
              () -> {
                try (Socket socket = new Socket()) {
                  socket.connect(new InetSocketAddress(external.get(), port), 2000);
                }
              })
          .as("port %d on %s", port, external.get())
          .isInstanceOf(IOException.class);
    }
  }

  /** An IPv4 address of an interface that is up and not loopback. */
  public static Optional<InetAddress> nonLoopbackAddress() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return Optional.of(address);
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
