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

    /** The notice did not get through; another attempt may. {@code reason} says why. */
    record Failed(String reason) implements DeliveryResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Not sent, and no attempt will be: the channel's URL, or the addresses its host resolves to,
     * lead where notices must not go. Nothing was connected to. {@code reason} says why.
     */
    record Refused(String reason) implements DeliveryResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
