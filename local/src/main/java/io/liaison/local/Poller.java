package io.liaison.local;

/**
 * A stand-in for one of Lambda's event source mappings: started once every function is wired,
 * and closed before the servers it reads from stop.
 */
interface Poller extends AutoCloseable {
    void start();

    @Override
    void close();
}
