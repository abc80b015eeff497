package dev.offboarding.suprsend.client;

/**
 * The status of a successful answer whose body carries nothing we need (SuprSend's delete answers
 * 204 No Content). Produced by {@link StatusAwareDecoder}.
 */
public record HttpStatus(int code) {}
