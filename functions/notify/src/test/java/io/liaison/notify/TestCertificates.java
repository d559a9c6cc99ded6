package io.liaison.notify;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for hooks.test and 127.0.0.1, made by the JDK's keytool for this test
 * run (no key is kept in the repository), and the contexts a receiver and the sender use with it.
 */
final class TestCertificates {
    static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore store;

    private TestCertificates(KeyStore store) {
        this.store = store;
    }

    static TestCertificates forHooksTest(Path folder) throws IOException, InterruptedException, GeneralSecurityException {
        Path file = folder.resolve("hooks-test.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "hooks", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=hooks.test", "-ext", "SAN=dns:hooks.test,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(output));
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return new TestCertificates(store);
    }

    /** The receiver's side: presents the certificate, and records the server names (SNI) each client asked for. */
    SSLContext server(List<String> requestedNames) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        X509KeyManager delegate = (X509KeyManager) keys.getKeyManagers()[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new SniRecorder(delegate, requestedNames)}, null, null);
        return context;
    }

    /** The sender's side: trusts this certificate alone. */
    SSLContext client() throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Chooses the one key as the delegate does, after noting the SNI names of the handshake. */
    private static final class SniRecorder extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;
        private final List<String> requestedNames;

        SniRecorder(X509KeyManager delegate, List<String> requestedNames) {
            this.delegate = delegate;
            this.requestedNames = requestedNames;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            if (engine.getHandshakeSession() instanceof ExtendedSSLSession session) {
                session.getRequestedServerNames().forEach(n -> requestedNames.add(
                        new String(n.getEncoded(), StandardCharsets.US_ASCII)));
            }
            return delegate.chooseServerAlias(keyType, issuers, null);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
