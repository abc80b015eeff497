package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON as the contract writes it: records as objects in declaration order, times and durations as
 * ISO-8601 strings in UTC, nulls kept (a failed run's {@code "outcome": null} says something). Pure
 * computation with a fixed configuration, so the workflow may use it: the bytes are the same on
 * replay, and every retry of a notification sends exactly what was signed.
 */
public final class ContractJson {

  /** The configured mapper; do not reconfigure it. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  private ContractJson() {}

  /** {@code value} as one line of JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass().getName(), e);
    }
  }
}
