package io.liaison.publisher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What goes into the console bucket for one release: the files Vite built, each with the type a
 * browser needs under {@code nosniff} and how long it may be cached, index.html with this stack's
 * API named in its Content-Security-Policy, and the console-config.json the console reads at start.
 * Pure: no AWS type, no clock.
 */
public final class ConsoleRelease {
    public static final String INDEX = "index.html";
    public static final String CONFIG = "console-config.json";

    /** Vite names what it puts under assets/ by content hash: a changed file has a new name. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** index.html and console-config.json keep their names: browsers and CloudFront ask again each time. */
    static final String REVALIDATE = "no-cache";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$");

    private ConsoleRelease() {}

    /** Where the console runs on AWS: the values console-config.json and the index's policy name. */
    public record Settings(URI apiBase, String signInDomain, String clientId, URI redirectUri) {
        public Settings {
            Objects.requireNonNull(apiBase, "apiBase");
            Objects.requireNonNull(redirectUri, "redirectUri");
            requireOrigin("ApiUrl", apiBase);
            requireOrigin("ConsoleUrl", redirectUri);
            if (signInDomain == null || !HOST.matcher(signInDomain).matches()) {
                throw new IllegalArgumentException("HostedUiDomain must be a host name, not " + signInDomain);
            }
            if (clientId == null || !clientId.matches("[A-Za-z0-9]{1,128}")) {
                throw new IllegalArgumentException("ClientId must be a Cognito app client id, not " + clientId);
            }
        }

        private static void requireOrigin(String name, URI uri) {
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || !HOST.matcher(uri.getHost()).matches()
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(name + " must be an https address without query or fragment, not " + uri);
            }
        }

        /** The API's origin as a CSP source: any path under it. */
        String apiSource() {
            return "https://" + apiBase.getHost() + (apiBase.getPort() == -1 ? "" : ":" + apiBase.getPort());
        }
    }

    /** One object of the bucket. */
    public record ConsoleObject(String key, byte[] body, String contentType, String cacheControl) {
        public ConsoleObject {
            Objects.requireNonNull(key, "key");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * The objects of a release, in the order they are to be written: everything index.html refers to
     * first, console-config.json, then index.html, so that no visitor gets a page whose scripts are
     * not there yet.
     *
     * @param built the files of console/dist by path relative to it, "/" separated
     */
    public static List<ConsoleObject> objects(Map<String, byte[]> built, Settings settings) {
        byte[] index = built.get(INDEX);
        if (index == null) {
            throw new IllegalArgumentException("the console build has no " + INDEX + ": run npm ci && npm run build in console/");
        }
        List<ConsoleObject> objects = new ArrayList<>();
        built.entrySet().stream()
                .filter(e -> !e.getKey().equals(INDEX) && !e.getKey().equals(CONFIG))
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> objects.add(new ConsoleObject(e.getKey(), e.getValue(), contentType(e.getKey()),
                        e.getKey().startsWith("assets/") ? IMMUTABLE : REVALIDATE)));
        objects.add(new ConsoleObject(CONFIG, config(settings), contentType(CONFIG), REVALIDATE));
        objects.add(new ConsoleObject(INDEX, withPolicy(new String(index, StandardCharsets.UTF_8), settings)
                .getBytes(StandardCharsets.UTF_8), contentType(INDEX), REVALIDATE));
        return List.copyOf(objects);
    }

    /** console-config.json as console/src/config.ts reads it. */
    static byte[] config(Settings settings) {
        ObjectNode config = JSON.createObjectNode().put("auth", "cognito").put("apiBase", settings.apiBase().toString());
        config.putObject("cognito").put("domain", settings.signInDomain()).put("clientId", settings.clientId())
                .put("redirectUri", settings.redirectUri().toString());
        try {
            return JSON.writeValueAsBytes(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The connect-src this stack's console needs: its own origin, this API and the hosted UI's token
     * endpoint. The distribution's header cannot name the API (ADR 0018) and allows the region's
     * API Gateway hosts; a browser enforces both policies, so this one narrows the header's to the
     * one API.
     */
    static String connectPolicy(Settings settings) {
        return "connect-src 'self' " + settings.apiSource() + " https://" + settings.signInDomain();
    }

    /** index.html with the policy as the first element of its head, before anything that loads. */
    static String withPolicy(String index, Settings settings) {
        Matcher head = HEAD.matcher(index);
        if (!head.find()) throw new IllegalArgumentException(INDEX + " has no <head>: not a console build");
        String meta = "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"" + connectPolicy(settings) + "\" />";
        return index.substring(0, head.end()) + meta + index.substring(head.end());
    }

    /** The Content-Type a file is served with; with nosniff, a module script must be JavaScript. */
    static String contentType(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json", "map" -> "application/json";
            case "webmanifest" -> "application/manifest+json";
            case "txt" -> "text/plain; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "ico" -> "image/vnd.microsoft.icon";
            case "woff2" -> "font/woff2";
            case "woff" -> "font/woff";
            default -> "application/octet-stream";
        };
    }
}
