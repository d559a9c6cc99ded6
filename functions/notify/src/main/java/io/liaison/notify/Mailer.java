package io.liaison.notify;

/**
 * Sends a notice by e-mail: SES on AWS ({@link SesMailer}), a folder of .eml files locally
 * ({@link Outbox}).
 *
 * <p>Contract: {@code to} is one plain address ({@code local@domain}, no display name, no list);
 * anything else is {@link DeliveryResult.Failed} without sending, so a stored value can never add
 * header lines. The subject is {@link Notice#subject()}; the text is a short line for a human
 * followed by the notice's JSON. Failure reasons name neither the address nor the body.
 */
public interface Mailer {
    DeliveryResult send(String to, Notice notice);
}
