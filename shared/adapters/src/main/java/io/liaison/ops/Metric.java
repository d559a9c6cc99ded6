package io.liaison.ops;

import io.liaison.core.AuditEvent;
import io.liaison.core.Notification;
import io.liaison.core.gate.Verdict;

import java.util.Optional;

/**
 * What Liaison counts in CloudWatch (namespace {@value #NAMESPACE}, dimension {@value #DIMENSION}:
 * the stack), one per line the invocation writes. The dashboard and the alarms in template.yaml name
 * these; TemplateTest checks that they name nothing else.
 */
public enum Metric {
    FILINGS("Filings"),
    ROUTED("Routed"),
    UNROUTABLE("Unroutable"),
    DEADLINES_PASSED("DeadlinesPassed"),
    ESCALATIONS("Escalations"),
    NOTICES_DELIVERED("NoticesDelivered"),
    NOTICES_FAILED("NoticesFailed"),
    GATE_RELEASE("GateRelease"),
    GATE_RELEASE_REDACTED("GateReleaseRedacted"),
    GATE_HOLD("GateHold"),
    GATE_BLOCK("GateBlock"),
    VERIFICATION_FAILURES("VerificationFailures");

    public static final String NAMESPACE = "Liaison";
    public static final String DIMENSION = "Stack";

    private final String metricName;

    Metric(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }

    /** The count an audit event adds to, if any: what the trail records is what the operator counts. */
    public static Optional<Metric> of(AuditEvent event) {
        return Optional.ofNullable(switch (event.action()) {
            case "FILED" -> FILINGS;
            case "ROUTED" -> ROUTED;
            case "UNROUTABLE" -> UNROUTABLE;
            case "ACKNOWLEDGEMENT_OVERDUE", "RESPONSE_OVERDUE" -> DEADLINES_PASSED;
            case "ESCALATED" -> ESCALATIONS;
            case Notification.DELIVERY -> NOTICES_DELIVERED;
            case Notification.NON_DELIVERY -> NOTICES_FAILED;
            default -> null;
        });
    }

    /** The count of the release gate's verdict on a response. */
    public static Metric of(Verdict verdict) {
        return switch (verdict) {
            case RELEASE -> GATE_RELEASE;
            case RELEASE_REDACTED -> GATE_RELEASE_REDACTED;
            case HOLD -> GATE_HOLD;
            case BLOCK -> GATE_BLOCK;
        };
    }
}
