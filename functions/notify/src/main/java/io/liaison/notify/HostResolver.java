package io.liaison.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Finds the addresses of a webhook's host. The sender asks once per delivery, judges every
 * address, and connects only to those: a name that answers a public address to the check and an
 * internal one to the connection (DNS rebinding) has no second question to answer.
 */
@FunctionalInterface
public interface HostResolver {
    /**
     * Every address {@code host} has now, in the order to try them; never empty.
     *
     * @throws UnknownHostException when it has none (the delivery fails and is retried later)
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The platform's resolver (on Lambda the VPC's or Amazon's DNS, through the JDK's cache). */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
