package io.liaison.infra;

import io.liaison.local.Template;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console on AWS as template.yaml declares it (issue 15, ADR 0018): a bucket nobody reads but
 * the console's distribution, pages served over HTTPS with a strict Content-Security-Policy,
 * sign-in through the hosted UI by authorization code with PKCE only, and an API that browsers
 * may call from the console's origin alone.
 */
class ConsoleTemplateTest {
    private static final Path TEMPLATE = Template.locate(Path.of(""));
    private final Template template = Template.read(TEMPLATE);

    private static final Object CONSOLE_ORIGIN = Map.of("Fn::Sub", "https://${ConsoleDistribution.DomainName}");
    private static final Object CONSOLE_URL = Map.of("Fn::Sub", "https://${ConsoleDistribution.DomainName}/");

    @Test
    void theConsoleBucket_isNeverPublic_servesNoWebsite_andIsEncrypted() {
        Map<String, Object> bucket = properties("ConsoleBucket");

        assertThat(map(bucket.get("PublicAccessBlockConfiguration"))).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(list(map(bucket.get("OwnershipControls")).get("Rules"))).containsExactly(Map.of("ObjectOwnership", "BucketOwnerEnforced"));
        assertThat(bucket).containsKey("BucketEncryption").doesNotContainKeys("WebsiteConfiguration", "AccessControl",
                "CorsConfiguration", "VersioningConfiguration");
    }

    @Test
    void theBucketPolicy_letsOnlyTheConsolesDistributionRead_andRefusesPlainHttp() {
        List<Map<String, Object>> policies = resourcesOfType("AWS::S3::BucketPolicy");
        assertThat(policies).singleElement().satisfies(p -> assertThat(map(p.get("Properties")).get("Bucket"))
                .isEqualTo(Map.of("Ref", "ConsoleBucket")));
        List<Map<String, Object>> statements = statements(map(map(policies.getFirst().get("Properties")).get("PolicyDocument")));

        List<Map<String, Object>> allows = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertThat(allows).singleElement().satisfies(allow -> {
            assertThat(allow.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
            assertThat(list(allow.get("Action"))).containsExactly("s3:GetObject");
            assertThat(allow.get("Resource")).isEqualTo(Map.of("Fn::Sub", "${ConsoleBucket.Arn}/*"));
            assertThat(map(map(allow.get("Condition")).get("StringEquals")).get("AWS:SourceArn")).isEqualTo(Map.of("Fn::Sub",
                    "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${ConsoleDistribution}"));
        });
        assertThat(statements).anySatisfy(deny -> {
            assertThat(deny.get("Effect")).isEqualTo("Deny");
            assertThat(map(map(deny.get("Condition")).get("Bool"))).containsEntry("aws:SecureTransport", false);
        });
    }

    @Test
    void theDistribution_reachesTheBucketOnlyThroughOriginAccessControl_andServesHttpsOnly() {
        Map<String, Object> config = map(properties("ConsoleDistribution").get("DistributionConfig"));

        assertThat(list(config.get("Origins"))).singleElement().satisfies(o -> {
            Map<String, Object> origin = map(o);
            assertThat(origin.get("DomainName")).isEqualTo(Map.of("Fn::GetAtt", List.of("ConsoleBucket", "RegionalDomainName")));
            assertThat(origin.get("OriginAccessControlId")).isEqualTo(Map.of("Fn::GetAtt", List.of("ConsoleOriginAccessControl", "Id")));
            assertThat(map(origin.get("S3OriginConfig"))).isEqualTo(Map.of("OriginAccessIdentity", ""));
            assertThat(origin).doesNotContainKey("CustomOriginConfig");
        });
        assertThat(map(properties("ConsoleOriginAccessControl").get("OriginAccessControlConfig")))
                .containsEntry("OriginAccessControlOriginType", "s3").containsEntry("SigningBehavior", "always")
                .containsEntry("SigningProtocol", "sigv4");
        assertThat(config).containsEntry("DefaultRootObject", "index.html").doesNotContainKey("CacheBehaviors");
        Map<String, Object> behaviour = map(config.get("DefaultCacheBehavior"));
        assertThat(behaviour).containsEntry("ViewerProtocolPolicy", "redirect-to-https")
                .containsEntry("ResponseHeadersPolicyId", Map.of("Ref", "ConsoleHeaders"));
        assertThat(list(behaviour.get("AllowedMethods"))).containsExactlyInAnyOrder("GET", "HEAD");
    }

    @Test
    void everyPage_carriesAStrictContentSecurityPolicy_withNoInlineScriptOrStyle() {
        Map<String, List<String>> policy = contentSecurityPolicy();

        assertThat(policy).containsEntry("default-src", List.of("'self'")).containsEntry("script-src", List.of("'self'"))
                .containsEntry("style-src", List.of("'self'")).containsEntry("img-src", List.of("'self'", "data:"))
                .containsEntry("frame-ancestors", List.of("'none'")).containsEntry("base-uri", List.of("'none'"))
                .containsEntry("form-action", List.of("'self'")).containsEntry("object-src", List.of("'none'"));
        assertThat(policy.values().stream().flatMap(List::stream))
                .noneMatch(source -> source.equals("*") || source.startsWith("'unsafe-") || source.equals("http:")
                        || source.equals("https:") || source.startsWith("http://"));
        // The hosted UI's token endpoint, and the API: the region's API Gateway hosts here, narrowed to
        // this stack's API by the publisher's policy in index.html (ConsoleRelease, ADR 0018).
        assertThat(policy.get("connect-src")).containsExactly("'self'",
                "https://*.execute-api.${AWS::Region}.${AWS::URLSuffix}",
                "https://${ConsoleSignInDomain}.auth.${AWS::Region}.amazoncognito.com");
    }

    @Test
    void everyPage_carriesHstsNosniffNoReferrerAndRefusesFrames() {
        Map<String, Object> headers = map(map(properties("ConsoleHeaders").get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig"));

        assertThat(map(headers.get("StrictTransportSecurity"))).containsEntry("Override", true);
        assertThat(((Number) map(headers.get("StrictTransportSecurity")).get("AccessControlMaxAgeSec")).longValue())
                .isGreaterThanOrEqualTo(31_536_000L);
        assertThat(map(headers.get("ContentTypeOptions"))).containsEntry("Override", true);
        assertThat(map(headers.get("FrameOptions"))).containsEntry("FrameOption", "DENY").containsEntry("Override", true);
        assertThat(map(headers.get("ReferrerPolicy"))).containsEntry("ReferrerPolicy", "no-referrer").containsEntry("Override", true);
        assertThat(map(headers.get("ContentSecurityPolicy"))).containsEntry("Override", true);
    }

    @Test
    void theConsolesClient_signsInByAuthorizationCodeOnly_withoutASecret_andComesBackToTheConsole() {
        Map<String, Object> client = properties("ConsoleClient");

        assertThat(list(client.get("AllowedOAuthFlows"))).containsExactly("code");
        assertThat(client).containsEntry("GenerateSecret", false).containsEntry("AllowedOAuthFlowsUserPoolClient", true);
        assertThat(list(client.get("AllowedOAuthScopes"))).containsExactlyInAnyOrder("openid", "email", "profile");
        assertThat(list(client.get("CallbackURLs"))).containsExactly(CONSOLE_URL);
        assertThat(list(client.get("LogoutURLs"))).containsExactly(CONSOLE_URL);
        assertThat(list(client.get("ExplicitAuthFlows"))).doesNotContain("ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH");
    }

    @Test
    void theConsolesIdToken_carriesEveryLiaisonAttribute_andNoUserCanWriteOne() {
        Map<String, Object> client = properties("ConsoleClient");
        List<String> liaisonAttributes = list(properties("UserPool").get("Schema")).stream()
                .map(a -> "custom:" + map(a).get("Name")).toList();

        assertThat(liaisonAttributes).contains("custom:role", "custom:jurisdiction", "custom:agency", "custom:contact_point");
        assertThat(list(client.get("ReadAttributes"))).containsAll(liaisonAttributes);
        assertThat(list(client.get("WriteAttributes"))).isNotEmpty()
                .noneMatch(attribute -> String.valueOf(attribute).startsWith("custom:"));
    }

    @Test
    void theApi_acceptsTheIdTokensOfTheConsolesClient() {
        Map<String, Object> jwt = map(map(map(map(properties("HttpApi").get("Auth")).get("Authorizers")).get("LiaisonJwt"))
                .get("JwtConfiguration"));

        assertThat(list(jwt.get("audience"))).contains(Map.of("Fn::If", List.of("CreateUserPool", Map.of("Ref", "ConsoleClient"),
                Map.of("Ref", "AWS::NoValue"))));
    }

    @Test
    void browsersMayCallTheApi_fromTheConsolesOriginOnly_withoutCredentials() {
        Map<String, Object> cors = map(properties("HttpApi").get("CorsConfiguration"));

        assertThat(list(cors.get("AllowOrigins"))).containsExactly(Map.of("Fn::If", List.of("CreateUserPool", CONSOLE_ORIGIN,
                Map.of("Ref", "AWS::NoValue"))));
        assertThat(cors.get("AllowCredentials")).isEqualTo(false);
        assertThat(((Number) cors.get("MaxAge")).intValue()).isPositive();
    }

    @Test
    void cors_allowsTheMethodsOfTheApisRoutes_andTheHeadersOfItsContract() throws IOException {
        Map<String, Object> cors = map(properties("HttpApi").get("CorsConfiguration"));
        Map<String, Object> openApi = openApi();

        assertThat(lowerCase(cors.get("AllowMethods"))).isEqualTo(template.functions().stream().flatMap(f -> f.routes().stream())
                .map(r -> r.method().toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new)));
        Set<String> requestHeaders = new TreeSet<>(Set.of("authorization", "content-type"));
        requestHeaders.addAll(headerParameters(openApi));
        assertThat(lowerCase(cors.get("AllowHeaders"))).isEqualTo(requestHeaders).contains("idempotency-key");
        assertThat(lowerCase(cors.get("ExposeHeaders"))).isEqualTo(responseHeaders(openApi)).contains("location");
    }

    @Test
    void theConsole_existsOnlyWithTheStacksOwnUserPool() {
        // With an external issuer (JwtIssuer), the hosted sign-in is not wired (ADR 0018): nothing of the console is made.
        for (String id : List.of("ConsoleSignInDomain", "ConsoleClient", "ConsoleBucket", "ConsoleBucketPolicy",
                "ConsoleOriginAccessControl", "ConsoleHeaders", "ConsoleDistribution", "ConsoleRelease")) {
            assertThat(map(template.resources().get(id))).as(id).containsEntry("Condition", "CreateUserPool");
        }
        for (String output : List.of("ConsoleUrl", "ConsoleBucket", "ConsoleClientId", "HostedUiDomain")) {
            assertThat(map(outputs().get(output))).as(output).containsEntry("Condition", "CreateUserPool");
        }
    }

    @Test
    void thePublisher_isGivenTheValuesTheStackShows_andTheHostedUiThePolicyAllows() {
        Map<String, Object> release = properties("ConsoleRelease");
        Map<String, Object> parameters = map(release.get("Parameters"));

        assertThat(TEMPLATE.resolveSibling(String.valueOf(release.get("Location")))).isRegularFile();
        assertThat(parameters).containsEntry("ConsoleBucket", Map.of("Ref", "ConsoleBucket"))
                .containsEntry("DistributionId", Map.of("Ref", "ConsoleDistribution"))
                .containsEntry("ClientId", Map.of("Ref", "ConsoleClient"))
                .containsEntry("ApiUrl", output("ApiUrl")).containsEntry("ConsoleUrl", output("ConsoleUrl"))
                .containsEntry("HostedUiDomain", output("HostedUiDomain"));
        assertThat(output("ConsoleUrl")).isEqualTo(CONSOLE_URL);
        String hostedUi = String.valueOf(map(output("HostedUiDomain")).get("Fn::Sub"));
        assertThat(contentSecurityPolicy().get("connect-src")).contains("https://" + hostedUi);
        assertThat(output("ConsoleClientId")).isEqualTo(Map.of("Ref", "ConsoleClient"));
        assertThat(output("ConsoleBucket")).isEqualTo(Map.of("Ref", "ConsoleBucket"));
    }

    @Test
    void thePublisher_isNoFunctionOfTheBroker_soTheLocalServerNeverWiresIt() {
        assertThat(template.functions()).extracting(Template.Function::handlerClass)
                .noneMatch(handler -> handler.startsWith("io.liaison.publisher."));
    }

    // ---- reading the template and the contract ----

    private Map<String, List<String>> contentSecurityPolicy() {
        String text = String.valueOf(map(map(map(map(properties("ConsoleHeaders").get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig")).get("ContentSecurityPolicy")).get("ContentSecurityPolicy")).get("Fn::Sub"));
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : text.split(";")) {
            List<String> words = List.of(directive.strip().split("\\s+"));
            if (words.getFirst().isEmpty()) continue;
            assertThat(directives).as("directive given twice").doesNotContainKey(words.getFirst());
            directives.put(words.getFirst(), words.subList(1, words.size()));
        }
        return directives;
    }

    private Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = map(template.resources().get(logicalId));
        assertThat(resource).as(logicalId + " in template.yaml").isNotEmpty();
        return map(resource.get("Properties"));
    }

    private List<Map<String, Object>> resourcesOfType(String type) {
        return template.resources().values().stream().map(ConsoleTemplateTest::map).filter(r -> type.equals(r.get("Type"))).toList();
    }

    /** Template keeps resources and parameters; the outputs are read here with the same short forms. */
    private Map<String, Object> outputs() {
        try (Reader reader = Files.newBufferedReader(TEMPLATE)) {
            return map(map(new Yaml(new CloudFormationTags()).load(reader)).get("Outputs"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Object output(String name) {
        return map(outputs().get(name)).get("Value");
    }

    /** !Ref x as {Ref: x}, !Sub x as {Fn::Sub: x}, !GetAtt a.b as {Fn::GetAtt: [a, b]}, as Template reads them. */
    private static final class CloudFormationTags extends org.yaml.snakeyaml.constructor.SafeConstructor {
        CloudFormationTags() {
            super(new org.yaml.snakeyaml.LoaderOptions());
            yamlMultiConstructors.put("!", new org.yaml.snakeyaml.constructor.AbstractConstruct() {
                @Override
                public Object construct(org.yaml.snakeyaml.nodes.Node node) {
                    String name = node.getTag().getValue().substring(1);
                    Object value = switch (node) {
                        case org.yaml.snakeyaml.nodes.ScalarNode scalar -> name.equals("GetAtt")
                                ? List.of(constructScalar(scalar).split("\\.", 2)) : constructScalar(scalar);
                        case org.yaml.snakeyaml.nodes.SequenceNode sequence -> constructSequence(sequence);
                        case org.yaml.snakeyaml.nodes.MappingNode mapping -> constructMapping(mapping);
                        default -> null;
                    };
                    return Map.of(name.equals("Ref") ? "Ref" : "Fn::" + name, value);
                }
            });
        }
    }

    private static List<Map<String, Object>> statements(Map<String, Object> document) {
        return list(document.get("Statement")).stream().map(ConsoleTemplateTest::map).toList();
    }

    private static Map<String, Object> openApi() throws IOException {
        try (Reader reader = Files.newBufferedReader(TEMPLATE.resolveSibling("openapi.yaml"))) {
            return map(new Yaml().load(reader));
        }
    }

    /** Header parameters of the API's operations (webhooks are Liaison's calls to others, not the API). */
    private static Set<String> headerParameters(Map<String, Object> openApi) {
        Map<String, Object> shared = map(map(openApi.get("components")).get("parameters"));
        Set<String> headers = new TreeSet<>();
        for (Object operation : operations(openApi)) {
            for (Object p : list(map(operation).get("parameters"))) {
                Map<String, Object> parameter = map(p);
                if (parameter.get("$ref") instanceof String ref) parameter = map(shared.get(ref.substring(ref.lastIndexOf('/') + 1)));
                if ("header".equals(parameter.get("in"))) headers.add(String.valueOf(parameter.get("name")).toLowerCase(Locale.ROOT));
            }
        }
        return headers;
    }

    private static Set<String> responseHeaders(Map<String, Object> openApi) {
        Set<String> headers = new TreeSet<>();
        for (Object operation : operations(openApi)) {
            for (Object response : map(map(operation).get("responses")).values()) {
                map(map(response).get("headers")).keySet().forEach(h -> headers.add(h.toLowerCase(Locale.ROOT)));
            }
        }
        return headers;
    }

    private static List<Object> operations(Map<String, Object> openApi) {
        List<Object> operations = new ArrayList<>();
        for (Object item : map(openApi.get("paths")).values()) {
            map(item).forEach((method, operation) -> {
                if (Set.of("get", "put", "post", "delete", "patch").contains(method)) operations.add(operation);
            });
        }
        return operations;
    }

    private static Set<String> lowerCase(Object values) {
        return list(values).stream().map(v -> String.valueOf(v).toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? List.copyOf(l) : value == null ? List.of() : List.of(value);
    }
}
