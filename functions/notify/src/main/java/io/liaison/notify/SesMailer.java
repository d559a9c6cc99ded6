package io.liaison.notify;

import io.liaison.notify.DeliveryResult.Delivered;
import io.liaison.notify.DeliveryResult.Failed;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.util.Objects;

/**
 * Sends notices through Amazon SES (v2 SendEmail, simple content: SES builds the MIME message).
 * SDK exceptions end here as {@link Failed}, naming only the SES error code: SES messages can
 * quote addresses.
 */
public final class SesMailer implements Mailer {
    private final SesV2Client ses;
    private final String fromAddress;

    /** @param fromAddress a verified SES identity, e.g. {@code notices@liaison.example} */
    public SesMailer(SesV2Client ses, String fromAddress) {
        this.ses = Objects.requireNonNull(ses, "ses");
        if (!MailText.plainAddress(fromAddress)) throw new IllegalArgumentException("fromAddress is not a plain address");
        this.fromAddress = fromAddress;
    }

    @Override
    public DeliveryResult send(String to, Notice notice) {
        if (!MailText.plainAddress(to)) {
            return new Failed("refused: the recipient is not one plain e-mail address");
        }
        try {
            String messageId = ses.sendEmail(r -> r
                    .fromEmailAddress(fromAddress)
                    .destination(d -> d.toAddresses(to))
                    .content(c -> c.simple(m -> m
                            .subject(s -> s.data(notice.subject()).charset("UTF-8"))
                            .body(b -> b.text(t -> t.data(MailText.body(notice)).charset("UTF-8"))))))
                    .messageId();
            return new Delivered("accepted by SES as " + messageId);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return new Failed("SES refused: " + (code == null ? e.getClass().getSimpleName() : code) + " (HTTP " + e.statusCode() + ")");
        } catch (SdkException e) {
            return new Failed("SES not reached (" + e.getClass().getSimpleName() + ")");
        }
    }
}
