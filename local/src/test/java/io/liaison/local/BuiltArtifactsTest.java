package io.liaison.local;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What {@code sam build} made (the folder given as -Dliaison.artifacts, usually .aws-sam/build):
 * every function of template.yaml and of its nested stacks has an artifact, its Handler class and
 * method load from it alone, it ships no Apache or Netty HTTP client, only the functions that seal
 * or open payloads ship an encryption library, and lib/ holds exactly the runtime dependencies its
 * module declares (ADR 0024). .ci/run runs this after sam build; a plain test run has no
 * artifacts, and skips it.
 */
class BuiltArtifactsTest {
    /** Packages of the HTTP clients the functions must not ship: the SDK's url-connection client is enough. */
    private static final List<String> FORBIDDEN = List.of("org/apache/http/", "org/apache/hc/", "io/netty/",
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/", "software/amazon/awssdk/http/nio/netty/");
    /** The Encryption SDK, the Material Providers Library and what it brings (BouncyCastle, the Dafny runtime). */
    private static final List<String> ENCRYPTION = List.of("com/amazonaws/encryptionsdk/", "software/amazon/cryptography/",
            "org/bouncycastle/", "dafny/");
    /** The functions that seal or open payloads, reasons and words, and the one that creates their branch key. */
    private static final Set<String> SEALING = Set.of("IntakeFunction", "CaseworkFunction", "TrackingFunction",
            "ReviewFunction", "PayloadKeyFunction");
    /** Besides the sealing functions (the keyring's branch key), the ones that call KMS: secrets, pseudonyms, digests. */
    private static final Set<String> CALLING_KMS = Set.of("PolicyFunction", "NotifierFunction", "AuditFunction", "DigestFunction");
    private static final List<String> KMS = List.of("software/amazon/awssdk/services/kms/");
    /** What the function's pom declares, written into its classes at build time (the root pom's dependency plugin). */
    static final String DECLARED = "META-INF/liaison/runtime-dependencies.txt";
    /** Functions of the nested stacks, where sam build puts them: under the nested stack's logical id. */
    private static final Map<String, String> NESTED = Map.of("PayloadKeyFunction", "PayloadBranchKey/PayloadKeyFunction",
            "ConsolePublisherFunction", "ConsoleRelease/ConsolePublisherFunction");

    private final Template template = Template.read(Template.locate(Path.of("")));

    @TestFactory
    Stream<DynamicTest> everyFunctionsArtifact_hasItsHandler_andNoApacheOrNettyClient() {
        String folder = System.getProperty("liaison.artifacts");
        Assumptions.assumeTrue(folder != null, "no -Dliaison.artifacts: sam build has not run");
        Path artifacts = Template.locate(Path.of("")).getParent().resolve(folder);
        return template.functions().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            Path artifact = artifacts.resolve(function.logicalId());
            if (!Files.isDirectory(artifact)) {
                fail("%s: sam build made no artifact at %s", function.logicalId(), artifact);
            }
            List<Path> jars = jars(artifact);
            assertHandlerLoads(function, artifact, jars);
            assertNoForbiddenClient(function, artifact, jars);
        }));
    }

    @TestFactory
    Stream<DynamicTest> onlyTheFunctionsThatSealOrOpen_shipAnEncryptionLibrary() {
        return onlyThese(SEALING, ENCRYPTION, "seals or opens: it needs the Encryption SDK",
                "never seals or opens a payload, yet ships an encryption library");
    }

    @TestFactory
    Stream<DynamicTest> onlyTheFunctionsThatCallKms_shipItsClient() {
        Set<String> calling = new TreeSet<>(SEALING);
        calling.addAll(CALLING_KMS);
        return onlyThese(calling, KMS, "calls KMS: it needs the KMS client", "never calls KMS, yet ships its client");
    }

    /** The functions named ship classes under the packages; every other function ships none. */
    private Stream<DynamicTest> onlyThese(Set<String> functions, List<String> packages, String needs, String shipsAnyway) {
        Path artifacts = artifacts();
        return everyArtifact(artifacts).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path artifact = artifacts.resolve(e.getValue());
            List<String> found = entries(artifact, jars(artifact), packages);
            if (functions.contains(e.getKey())) {
                assertThat(found).as("%s %s", e.getKey(), needs).isNotEmpty();
            } else {
                assertThat(found).as("%s %s", e.getKey(), shipsAnyway).isEmpty();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionsLib_holdsExactlyTheRuntimeDependenciesItsModuleDeclares() {
        Path artifacts = artifacts();
        return everyArtifact(artifacts).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path artifact = artifacts.resolve(e.getValue());
            Path declared = artifact.resolve(DECLARED);
            assertThat(declared).as("%s: built without %s (the Makefile recipe packages its module)", e.getKey(), DECLARED).isRegularFile();
            Set<String> expected = new TreeSet<>(jarNames(Files.readAllLines(declared)));
            Set<String> shipped = new TreeSet<>();
            for (Path jar : jars(artifact)) shipped.add(jar.getFileName().toString());
            Set<String> undeclared = new TreeSet<>(shipped);
            undeclared.removeAll(expected);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(shipped);
            assertThat(undeclared).as("%s ships jars its module does not declare", e.getKey()).isEmpty();
            assertThat(missing).as("%s lacks jars its module declares", e.getKey()).isEmpty();
        }));
    }

    /** A signed jar is checked entry by entry as its classes load: 100-160 ms of BouncyCastle's first use (ADR 0026). */
    @TestFactory
    Stream<DynamicTest> noFunctionShipsASignedJar_theBuildCheckedAndRemovedEachSignature() {
        Path artifacts = artifacts();
        return everyArtifact(artifacts).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path artifact = artifacts.resolve(e.getValue());
            List<String> signed = new ArrayList<>();
            for (Path jar : jars(artifact)) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    if (file.stream().map(entry -> entry.getName()).anyMatch(BuiltArtifactsTest::isSignature)) {
                        signed.add(artifact.relativize(jar).toString());
                    }
                }
            }
            assertThat(signed).as("%s ships signed jars (bin/unsign-jars was not run on its lib/)", e.getKey()).isEmpty();
        }));
    }

    static boolean isSignature(String entry) {
        return entry.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");
    }

    /**
     * The jar file names dependency:copy-dependencies gives the lines of dependency:list
     * ({@code group:artifact:type[:classifier]:version:scope}, then perhaps a module name).
     */
    static List<String> jarNames(List<String> listed) {
        List<String> names = new ArrayList<>();
        for (String line : listed) {
            String plain = line.replaceAll("\u001B\\[[0-9;]*m", "").trim();
            if (plain.isEmpty() || plain.startsWith("The following")) continue;
            String[] parts = plain.split("\\s+")[0].split(":");
            if (parts.length < 5) continue;
            String classifier = parts.length == 6 ? "-" + parts[3] : "";
            String version = parts[parts.length - 2];
            names.add(parts[1] + "-" + version + classifier + "." + parts[2]);
        }
        return names;
    }

    private static Path artifacts() {
        String folder = System.getProperty("liaison.artifacts");
        Assumptions.assumeTrue(folder != null, "no -Dliaison.artifacts: sam build has not run");
        return Template.locate(Path.of("")).getParent().resolve(folder);
    }

    /** Function logical id -> its folder under the artifacts: template.yaml's and the nested stacks'. */
    private Map<String, String> everyArtifact(Path artifacts) {
        Map<String, String> all = new TreeMap<>();
        template.functions().forEach(f -> all.put(f.logicalId(), f.logicalId()));
        all.putAll(NESTED);
        all.values().forEach(folder -> assertThat(artifacts.resolve(folder)).as("sam build made no artifact at %s", folder).isDirectory());
        return all;
    }

    /** The first entry of each jar (and of the classes at the root) under one of the packages. */
    private static List<String> entries(Path artifact, List<Path> jars, List<String> packages) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName()).filter(name -> packages.stream().anyMatch(name::startsWith)).findFirst()
                        .ifPresent(name -> found.add(artifact.relativize(jar) + " (" + name + ")"));
            }
        }
        for (String p : packages) {
            if (Files.isDirectory(artifact.resolve(p))) found.add(p);
        }
        return found;
    }

    private static void assertHandlerLoads(Template.Function function, Path artifact, List<Path> jars) throws Exception {
        List<URL> classpath = new ArrayList<>(List.of(artifact.toUri().toURL()));
        for (Path jar : jars) classpath.add(jar.toUri().toURL());
        // Only the artifact and the JDK: what the Lambda runtime has.
        try (URLClassLoader loader = new URLClassLoader(classpath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> handler;
            try {
                handler = Class.forName(function.handlerClass(), false, loader);
            } catch (ClassNotFoundException e) {
                fail("%s: the Handler class %s of template.yaml is not in %s", function.logicalId(), function.handlerClass(), artifact);
                return;
            }
            assertThat(Arrays.stream(handler.getMethods()).map(Method::getName))
                    .as("%s: %s has no public method %s", function.logicalId(), function.handlerClass(), function.handlerMethod())
                    .contains(function.handlerMethod());
            assertThat(handler.getConstructor()).as("%s: Lambda needs a public no-argument constructor", function.logicalId()).isNotNull();
        }
    }

    private static void assertNoForbiddenClient(Template.Function function, Path artifact, List<Path> jars) {
        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName()).filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith)).findFirst()
                        .ifPresent(name -> found.add(artifact.relativize(jar) + " (" + name + ")"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(found).as("%s ships an Apache or Netty HTTP client", function.logicalId()).isEmpty();
    }

    private static List<Path> jars(Path artifact) throws IOException {
        Path lib = artifact.resolve("lib");
        if (!Files.isDirectory(lib)) return List.of();
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
