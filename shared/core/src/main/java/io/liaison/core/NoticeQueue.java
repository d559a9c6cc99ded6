package io.liaison.core;

import java.util.List;

/** Where notifications wait for the notifier: a queue with retries and a dead-letter queue behind it. */
public interface NoticeQueue {
    void send(List<Notification> notifications);
}
