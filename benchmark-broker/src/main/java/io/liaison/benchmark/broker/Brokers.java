package io.liaison.benchmark.broker;

import io.liaison.local.LocalBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Starts a local broker for a benchmark's own main, on ports nobody else uses. */
final class Brokers {
    private Brokers() {}

    static LocalBroker onFreePorts() {
        return onFreePorts(false);
    }

    /** With {@code localKms}, payloads and words are sealed through the local KMS, so each KMS request is seen (and priced). */
    static LocalBroker onFreePorts(boolean localKms) {
        LocalBroker.Options options = LocalBroker.Options.defaults().withPorts(freePort(), freePort());
        return LocalBroker.start(localKms ? options.withLocalKms() : options);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
