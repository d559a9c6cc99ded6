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
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What {@code sam build} made (the folder given as -Dliaison.artifacts, usually .aws-sam/build):
 * every function of template.yaml has an artifact, its Handler class and method load from it
 * alone, and it ships no Apache or Netty HTTP client. .ci/run runs this after sam build; a plain
 * test run has no artifacts, and skips it.
 */
class BuiltArtifactsTest {
    /** Packages of the HTTP clients the functions must not ship: the SDK's url-connection client is enough. */
    private static final List<String> FORBIDDEN = List.of("org/apache/http/", "org/apache/hc/", "io/netty/",
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/", "software/amazon/awssdk/http/nio/netty/");

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
