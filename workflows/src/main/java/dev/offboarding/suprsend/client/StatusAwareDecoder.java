package dev.offboarding.suprsend.client;

import feign.Response;
import feign.codec.Decoder;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Answers {@link HttpStatus} from the response status and hands every other type to the JSON
 * decoder it wraps (configuration by composition).
 */
final class StatusAwareDecoder implements Decoder {

  private final Decoder json;

  StatusAwareDecoder(Decoder json) {
    this.json = json;
  }

  @Override
  public Object decode(Response response, Type type) throws IOException {
    if (type == HttpStatus.class) {
      return new HttpStatus(response.status());
    }
    return json.decode(response, type);
  }
}
