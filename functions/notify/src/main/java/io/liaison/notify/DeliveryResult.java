package io.liaison.notify;

import java.util.Objects;

/**
 * What became of one attempt to deliver a notice. An unreachable or unwilling receiver is an
 * expected outcome, not an exception: the caller records it and decides whether to retry.
 *
 * <p>Both texts are safe to log and to write into the audit trail: they never contain the
 * signing secret, the body, or more of a URL than {@code scheme://host:port} (paths and queries
 * may carry tokens).
 */
public sealed interface DeliveryResult {

    /** The receiver took the notice; {@code detail} says how (status and origin, or a message id). */
    record Delivered(String detail) implements DeliveryResult {
        public Delivered {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The notice did not get through, or was refused before any connection; {@code reason} says why. */
    record Failed(String reason) implements DeliveryResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
