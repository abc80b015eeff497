package dev.offboarding.suprsend.devtools.bench;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a suite gets from {@code ./offboard bench}: the client, which scenarios to run ({@code
 * --only}), and where progress lines go.
 */
record SuiteContext(BulkDriver driver, Predicate<String> runs, Consumer<String> progress) {}
