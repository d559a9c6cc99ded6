/**
 * Delivery adapters for contact-point notices: {@link io.liaison.notify.WebhookSender} (Standard
 * Webhooks) and the {@link io.liaison.notify.Mailer} port with {@link io.liaison.notify.SesMailer}
 * (AWS) and {@link io.liaison.notify.Outbox} (local folder).
 *
 * <p>For the handler that uses them:
 * <ul>
 *   <li>Build the sender and the mailer once per container. Give the sender a real {@code Clock}:
 *       the webhook-timestamp is the time of each attempt, and receivers reject one more than five
 *       minutes off; and the same {@link io.liaison.core.webhook.Reach} as the registration, so that
 *       what an administrator could register can be sent.</li>
 *   <li>The sender resolves a webhook's host once, through its {@link io.liaison.notify.HostResolver},
 *       and connects only to addresses it checked: one connection per notice, no reuse.</li>
 *   <li>Keep the notice id the same on every retry (e.g. {@code <requestId>-<sequence>}): it is
 *       the receivers' idempotency key and the outbox file name.</li>
 *   <li>A send never throws for a receiver's failure; it returns
 *       {@link io.liaison.notify.DeliveryResult.Failed} (a retry may help; the queue's job) or
 *       {@link io.liaison.notify.DeliveryResult.Refused} (none will), whose reasons may go to logs
 *       and the audit trail as they are.</li>
 *   <li>One webhook attempt can take up to 15 s (5 s connect + 10 s for TLS and the answer): the
 *       function's timeout must cover a whole batch of them.</li>
 * </ul>
 */
package io.liaison.notify;
