package io.liaison.ops;

import io.liaison.core.AuditEvent;
import io.liaison.core.Page;
import io.liaison.core.Request;
import io.liaison.core.RequestStore;
import io.liaison.core.Status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The request store, telling the invocation which requests it touched and which events it committed. */
public record ObservedRequests(RequestStore store) implements RequestStore {
    @Override
    public FileResult file(Request request, AuditEvent event, IdempotencyKey key) {
        FileResult result = store.file(request, event, key);
        switch (result) {
            case Stored s -> Invocation.recorded(event);
            case Replayed replayed -> Invocation.touched(replayed.request().id());
            case KeyReused reused -> Invocation.touched(reused.requestId());
        }
        return result;
    }

    @Override
    public Optional<Request> find(String requestId) {
        Optional<Request> found = store.find(requestId);
        found.ifPresent(r -> Invocation.touched(r.id()));
        return found;
    }

    @Override
    public Request disclose(Request request) {
        return store.disclose(request);
    }

    @Override
    public Request disclose(Request fresh, Request earlier) {
        return store.disclose(fresh, earlier);
    }

    @Override
    public boolean apply(Request next, AuditEvent event) {
        boolean applied = store.apply(next, event);
        if (applied) Invocation.recorded(event);
        return applied;
    }

    @Override
    public Page<Request> byAgency(String jurisdiction, String agency, Status status, String cursor, int limit) {
        return store.byAgency(jurisdiction, agency, status, cursor, limit);
    }

    @Override
    public Page<Request> byContactPoint(String contactPointId, Status status, String cursor, int limit) {
        return store.byContactPoint(contactPointId, status, cursor, limit);
    }

    @Override
    public List<AuditEvent> events(String requestId) {
        return store.events(requestId);
    }

    @Override
    public List<String> due(Instant now, int limit) {
        return store.due(now, limit);
    }
}
