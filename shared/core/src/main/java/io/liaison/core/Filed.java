package io.liaison.core;

/** What filing gave the requester: the stored request, and whether it was stored by an earlier try. */
public record Filed(Request request, boolean replayed) {}
