package dev.offboarding.suprsend.worker.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The container's health check, so the runtime image needs no curl: {@code java -cp offboard.jar
 * dev.offboarding.suprsend.worker.ops.HealthProbe [path [port]]} asks {@code
 * http://127.0.0.1:port/path} (port default {@code OFFBOARDING_METRICS_PORT}, else 9464; path
 * default {@value OpsServer#READY_PATH}; the host is {@code OFFBOARDING_METRICS_BIND} when that
 * names one address rather than every interface), prints the answer, and exits 0 on 200, 1
 * otherwise.
 */
public final class HealthProbe {

  private HealthProbe() {}

  public static void main(String[] args) {
    String path = args.length > 0 ? args[0] : OpsServer.READY_PATH;
    String portValue = args.length > 1 ? args[1] : System.getenv("OFFBOARDING_METRICS_PORT");
    int port = portValue == null || portValue.isBlank() ? 9464 : Integer.parseInt(portValue.trim());
    System.exit(probe(host(System.getenv("OFFBOARDING_METRICS_BIND")), port, path));
  }

  /** Where the endpoint answers: the bound address, or loopback when it listens everywhere. */
  static String host(String bind) {
    if (bind == null || bind.isBlank()) {
      return "127.0.0.1";
    }
    String address = bind.trim();
    if (address.equals("0.0.0.0") || address.replace("0", "").equals("::")) {
      return "127.0.0.1";
    }
    return address.contains(":") ? "[" + address + "]" : address;
  }

  /** 0 when {@code http://127.0.0.1:port/path} answers 200, else 1. */
  static int probe(int port, String path) {
    return probe("127.0.0.1", port, path);
  }

  /** 0 when {@code http://host:port/path} answers 200, else 1. */
  static int probe(String host, int port, String path) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create("http://" + host + ":" + port + path).toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(5000);
      int status = connection.getResponseCode();
      try (InputStream body =
          status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(text.isEmpty() ? "HTTP " + status + "\n" : text);
      }
      return status == 200 ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      System.out.println("no answer on port " + port + ": " + e);
      return 1;
    }
  }
}
