package io.liaison.benchmark.broker;

import io.liaison.local.LocalBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Starts a local broker for a benchmark's own main, on ports nobody else uses. */
final class Brokers {
    private Brokers() {}

    static LocalBroker onFreePorts() {
        return LocalBroker.start(LocalBroker.Options.defaults().withPorts(freePort(), freePort()));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
