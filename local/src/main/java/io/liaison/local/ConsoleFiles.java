package io.liaison.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The web console as the local server serves it on the API's origin: index.html, the bundle's
 * assets and the console's configuration ({"auth":"dev"}: sign in with the dev issuer's demo
 * users). The files are those of the liaison-console jar's {@code console/} folder, read once at
 * start; a path is answered only when it names one of them exactly, so no path can reach a file
 * outside it (nothing is decoded, joined or normalised).
 */
final class ConsoleFiles {
    /** Where the liaison-console jar keeps the built console. */
    static final String CLASSPATH_FOLDER = "console";

    /** What the console loads from the local server; the configuration that says so. */
    static final String CONFIG = "{\"auth\":\"dev\",\"apiBase\":\"\"}";

    /**
     * The console's own scripts and styles only, no inline ones (the bundle has none), and the
     * API on the same origin: a script injected through some field can neither run nor send
     * anything elsewhere. The same policy as the CloudFront distribution's on AWS.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'; object-src 'none'";

    /** A file name with Vite's content hash ("index-BZEZpWWG.js"): its content never changes. */
    private static final Pattern HASHED = Pattern.compile(".+-[A-Za-z0-9_-]{8,}\\.[a-z0-9]+");

    private static final String NO_STORE = "no-store";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** One answer: the body with its headers (Content-Type, Cache-Control and the security headers). */
    record Answer(byte[] body, Map<String, String> headers) {}

    private final Map<String, byte[]> files;

    /** {@code files} by their name under the console folder ("index.html", "assets/index-BZEZpWWG.js"). */
    ConsoleFiles(Map<String, byte[]> files) {
        this.files = Map.copyOf(files);
    }

    /** The console on the classpath; none (every console path 404) when the jar is not there. */
    static ConsoleFiles fromClasspath() {
        URL index = ConsoleFiles.class.getClassLoader().getResource(CLASSPATH_FOLDER + "/index.html");
        if (index == null) return new ConsoleFiles(Map.of());
        try {
            String spec = index.toString();
            if (spec.startsWith("jar:")) {
                // jar:file:/…/liaison-console-….jar!/console/index.html
                Path jar = Path.of(new URI(spec.substring("jar:".length(), spec.indexOf("!/"))));
                try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                    return new ConsoleFiles(read(zip.getPath("/" + CLASSPATH_FOLDER)));
                }
            }
            // target/classes/console of the console module, in a reactor build
            return new ConsoleFiles(read(Path.of(index.toURI()).getParent()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console from " + index, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the console from " + index, e);
        }
    }

    private static Map<String, byte[]> read(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String name = folder.relativize(file).toString().replace('\\', '/');
                files.put(name, Files.readAllBytes(file));
            }
        }
        return files;
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /**
     * The answer to GET {@code rawPath} (as it came, undecoded), or empty when it is not a path of
     * the console: "/" and "/index.html", "/console-config.json", and "/assets/…" for a file of
     * the build.
     */
    Optional<Answer> get(String rawPath) {
        if (rawPath.equals("/console-config.json")) {
            return Optional.of(answer(CONFIG.getBytes(StandardCharsets.UTF_8), "application/json", NO_STORE));
        }
        String name = rawPath.equals("/") ? "index.html" : rawPath.substring(1);
        if (!name.equals("index.html") && !name.startsWith("assets/")) return Optional.empty();
        byte[] body = files.get(name);
        if (body == null) return Optional.empty();
        String file = name.substring(name.lastIndexOf('/') + 1);
        // index.html names the bundle of this build: a browser that kept it would load the old one.
        String cache = name.equals("index.html") ? NO_STORE : HASHED.matcher(file).matches() ? IMMUTABLE : "no-cache";
        return Optional.of(answer(body, contentType(file), cache));
    }

    private static Answer answer(byte[] body, String contentType, String cacheControl) {
        return new Answer(body, Map.of(
                "content-type", contentType,
                "cache-control", cacheControl,
                "content-security-policy", CONTENT_SECURITY_POLICY,
                "x-content-type-options", "nosniff",
                "referrer-policy", "no-referrer"));
    }

    /** The Content-Type of a file of the build, by its extension (nosniff: the browser believes it). */
    static String contentType(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json", "map" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "ico" -> "image/x-icon";
            case "woff2" -> "font/woff2";
            case "woff" -> "font/woff";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
