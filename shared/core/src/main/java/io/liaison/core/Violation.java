package io.liaison.core;

/** One thing wrong with an input, at a JSON Pointer (RFC 6901) into the body. */
public record Violation(String pointer, String detail) {}
