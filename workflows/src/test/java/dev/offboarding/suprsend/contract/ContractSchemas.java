package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas of the public contract (the input, the receipt, the status), generated from the
 * Java types so that they cannot drift from them. Committed under {@code clients/schema/}; the
 * clients in other languages validate what they send and receive with them.
 *
 * <p>What the types alone do not say is added here: which fields are always present and never null
 * (everything the worker writes is present; lists are never null), and that only {@code distinctId}
 * is required in the input and must not be blank.
 */
final class ContractSchemas {

  /** One committed schema: its file name, the type it describes, its title and description. */
  record Schema(String file, Class<?> type, String title, String description) {}

  static final List<Schema> ALL =
      List.of(
          new Schema(
              "offboarding-request.schema.json",
              OffboardingRequest.class,
              "OffboardingRequest",
              "The input of the UserOffboarding workflow. Only distinctId is required; unknown"
                  + " fields are ignored; durations and times are ISO-8601 strings."),
          new Schema(
              "offboarding-receipt.schema.json",
              OffboardingReceipt.class,
              "OffboardingReceipt",
              "The result of the UserOffboarding workflow: the audit record of one offboarding."),
          new Schema(
              "offboarding-status.schema.json",
              OffboardingStatus.class,
              "OffboardingStatus",
              "What the UserOffboarding workflow's status query answers."));

  /** Fields the worker always fills in, besides primitives and lists. */
  private static final Map<Class<?>, Set<String>> NEVER_NULL =
      Map.of(
          OffboardingReceipt.class,
              Set.of(
                  "distinctId",
                  "outcome",
                  "startedAt",
                  "completedAt",
                  "workflowId",
                  "runId",
                  "omitted"),
          OffboardingStatus.class, Set.of("state", "updatedAt", "omitted"),
          OperatorAction.class, Set.of("action", "operator", "at"),
          StateChange.class, Set.of("state", "at"),
          NotificationResult.class, Set.of("event", "eventId", "channel", "status", "at"));

  /** The input's ISO-8601 strings, which are Strings in Java (checked by {@link RequestTerms}). */
  private static final Map<String, String> INPUT_FORMATS =
      Map.of("gracePeriod", "duration", "dueBy", "date-time");

  /** The input's limits, in characters (the distinct id's is 512 bytes of UTF-8: at most 512). */
  private static final Map<String, Integer> INPUT_MAX_LENGTHS =
      Map.of(
          "distinctId", DistinctIds.MAX_UTF8_BYTES,
          "reason", OffboardingRequest.MAX_REASON_CHARS,
          "requestedBy", OffboardingRequest.MAX_REQUESTED_BY_CHARS);

  private ContractSchemas() {}

  /** The schema of one contract type, as committed (pretty-printed, ending with a newline). */
  static String generate(Schema schema) {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule())
            .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
            .with(Option.NULLABLE_FIELDS_BY_DEFAULT);
    boolean input = schema.type() == OffboardingRequest.class;
    config
        .forFields()
        .withNullableCheck(field -> input ? !isDistinctId(field) : mayBeNull(field))
        .withRequiredCheck(field -> input ? isDistinctId(field) : true)
        .withStringPatternResolver(field -> input && isDistinctId(field) ? "\\S" : null)
        .withStringFormatResolver(field -> input ? INPUT_FORMATS.get(field.getName()) : null)
        .withIgnoreCheck(field -> input && field.getName().equals("continued"))
        .withStringMaxLengthResolver(
            field -> input ? INPUT_MAX_LENGTHS.get(field.getName()) : null);
    JsonNode generated = new SchemaGenerator(config.build()).generateSchema(schema.type());
    ObjectNode root = (ObjectNode) generated;
    ObjectNode ordered = root.objectNode();
    ordered.set("$schema", root.get("$schema"));
    ordered.put("$id", "https://github.com/suprsend-offboarding/clients/schema/" + schema.file());
    ordered.put("title", schema.title());
    ordered.put("description", schema.description());
    root.fieldNames()
        .forEachRemaining(
            name -> {
              if (!ordered.has(name)) {
                ordered.set(name, root.get(name));
              }
            });
    return ordered.toPrettyString() + "\n";
  }

  private static boolean isDistinctId(FieldScope field) {
    return field.getDeclaringType().getErasedType() == OffboardingRequest.class
        && field.getName().equals("distinctId");
  }

  private static boolean mayBeNull(FieldScope field) {
    Class<?> type = field.getType().getErasedType();
    if (type.isPrimitive() || List.class.isAssignableFrom(type)) {
      return false;
    }
    Set<String> neverNull = NEVER_NULL.get(field.getDeclaringType().getErasedType());
    return neverNull == null || !neverNull.contains(field.getName());
  }
}
