package io.liaison.ops;

import io.liaison.core.AuditEvent;
import io.liaison.core.Page;
import io.liaison.core.Request;
import io.liaison.core.RequestStore;
import io.liaison.core.Response;
import io.liaison.core.ResponseStore;

import java.util.List;
import java.util.Optional;

/** The response store, telling the invocation the events it committed and the gate's verdict on each new response. */
public record ObservedResponses(ResponseStore store) implements ResponseStore {
    @Override
    public boolean submit(Request next, AuditEvent event, Response response, RequestStore.IdempotencyKey key) {
        boolean stored = store.submit(next, event, response, key);
        if (stored) {
            Invocation.recorded(event);
            Invocation.count(Metric.of(response.decision().verdict()));
        }
        return stored;
    }

    @Override
    public Optional<Keyed> keyed(RequestStore.IdempotencyKey key) {
        return store.keyed(key);
    }

    @Override
    public boolean review(Request next, AuditEvent event, Response reviewed) {
        boolean stored = store.review(next, event, reviewed);
        if (stored) Invocation.recorded(event);
        return stored;
    }

    @Override
    public boolean record(Request next, AuditEvent event) {
        boolean stored = store.record(next, event);
        if (stored) Invocation.recorded(event);
        return stored;
    }

    @Override
    public List<Response> responses(String requestId) {
        return store.responses(requestId);
    }

    @Override
    public Optional<Response> response(String requestId, long number) {
        return store.response(requestId, number);
    }

    @Override
    public Page<Response> held(String jurisdiction, String cursor, int limit) {
        return store.held(jurisdiction, cursor, limit);
    }
}
