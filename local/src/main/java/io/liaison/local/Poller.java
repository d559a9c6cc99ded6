package io.liaison.local;

/**
 * A stand-in for one of Lambda's event source mappings: a daemon thread running {@link #run()}
 * while {@link #running()}, started once every function is wired, and closed before the servers
 * it reads from stop.
 */
abstract class Poller implements AutoCloseable {
    private final Thread thread;
    private final long joinMillis;
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile boolean parked;

    /** {@code joinMillis}: how long close() waits for the loop, at least one poll's wait. */
    Poller(String threadName, long joinMillis) {
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
        this.joinMillis = joinMillis;
    }

    /** The polling loop; it returns when {@link #running()} turns false or the thread is interrupted. */
    protected abstract void run();

    /** Whether to go on polling; while paused it waits here, between two polls, until resumed or closed. */
    protected boolean running() {
        while (running && paused) {
            parked = true;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        parked = false;
        return running;
    }

    void pause(boolean pause) {
        paused = pause;
    }

    /** Paused and waiting between two polls (or not running at all): it reads nothing until resumed. */
    boolean parked() {
        return parked || !thread.isAlive();
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(joinMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
