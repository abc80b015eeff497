package dev.offboarding.suprsend.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.offboarding.suprsend.contract.OffboardingEvent;

/**
 * Writes events as JSON inside the workflow: pure computation with a fixed configuration (field
 * order is the records' declaration order, times ISO-8601), so the bytes are the same on replay and
 * every retry sends exactly what was signed.
 */
final class EventJson {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  private EventJson() {}

  static String write(OffboardingEvent event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an offboarding event could not be written as JSON", e);
    }
  }
}
