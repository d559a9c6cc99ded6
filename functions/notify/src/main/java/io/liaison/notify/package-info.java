/**
 * Delivery adapters for contact-point notices: {@link io.liaison.notify.WebhookSender} (Standard
 * Webhooks) and the {@link io.liaison.notify.Mailer} port with {@link io.liaison.notify.SesMailer}
 * (AWS) and {@link io.liaison.notify.Outbox} (local folder).
 *
 * <p>For the handler that uses them:
 * <ul>
 *   <li>Build the sender and the mailer once per container; the sender's HTTP client keeps
 *       connections. Give the sender a real {@code Clock}: the webhook-timestamp is the time of
 *       each attempt, and receivers reject one more than five minutes off.</li>
 *   <li>Keep the notice id the same on every retry (e.g. {@code <requestId>-<sequence>}): it is
 *       the receivers' idempotency key and the outbox file name.</li>
 *   <li>A send never throws for a receiver's failure; it returns
 *       {@link io.liaison.notify.DeliveryResult.Failed}, whose reason may go to logs and the audit
 *       trail as it is. A retry is the queue's job.</li>
 *   <li>One webhook attempt can take up to 15 s (5 s connect + 10 s answer): the function's
 *       timeout must cover a whole batch of them.</li>
 * </ul>
 */
package io.liaison.notify;
