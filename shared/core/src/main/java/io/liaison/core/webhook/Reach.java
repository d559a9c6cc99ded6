package io.liaison.core.webhook;

/**
 * Where notices may go. {@link #PUBLIC} everywhere Liaison is deployed; the local server alone
 * adds its own loopback interface, where the README's listener and the tests' receivers run.
 */
public enum Reach {
    PUBLIC,
    PUBLIC_AND_LOOPBACK;

    public boolean loopback() {
        return this == PUBLIC_AND_LOOPBACK;
    }
}
