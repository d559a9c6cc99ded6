package io.liaison.infra;

import io.liaison.local.Template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM statements template.yaml gives each function, with resources named the way
 * {@link CallRecorder} names what a call touches: "table", "table/index/ByAgency", "table/stream",
 * "queue/NotificationQueue", "key/PayloadKey"; anything else as written.
 */
final class TemplatePolicies {
    record Statement(Set<String> actions, Set<String> resources) {
        boolean allows(String action, String resource) {
            return actions.contains(action) && resources.contains(resource);
        }
    }

    private TemplatePolicies() {}

    static List<Statement> of(Template template, Template.Function function) {
        List<Statement> statements = new ArrayList<>();
        for (Object policy : list(function.properties().get("Policies"))) {
            if (!(policy instanceof Map<?, ?> document) || !document.containsKey("Statement")) {
                throw new AssertionError(function.logicalId() + ": only inline policy documents are checked, not " + policy);
            }
            for (Object s : list(document.get("Statement"))) {
                Map<?, ?> statement = (Map<?, ?>) s;
                if (!"Allow".equals(statement.get("Effect"))) continue;
                Set<String> actions = new HashSet<>();
                list(statement.get("Action")).forEach(a -> actions.add(String.valueOf(a)));
                Set<String> resources = new HashSet<>();
                list(statement.get("Resource")).forEach(r -> resources.add(resource(template, r)));
                statements.add(new Statement(actions, resources));
            }
        }
        return statements;
    }

    private static String resource(Template template, Object value) {
        if (value instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> parts) {
            String target = String.valueOf(parts.get(0));
            String attribute = String.valueOf(parts.get(1));
            // The key store is a table of its own, named by its logical id (CallRecorder does the same).
            if (template.tables().containsKey(target) && isKeyStore(template, target)) return "table:" + target;
            if (template.tables().containsKey(target)) return attribute.equals("StreamArn") ? "table/stream" : "table";
            if (template.queues().containsKey(target)) return "queue/" + target;
            return "key/" + target;
        }
        if (value instanceof Map<?, ?> map && map.get("Fn::Sub") instanceof String text) {
            for (String table : template.tables().keySet()) {
                if (text.startsWith("${" + table + ".Arn}")) return "table" + text.substring(("${" + table + ".Arn}").length());
            }
            return text;
        }
        return String.valueOf(value);
    }

    private static boolean isKeyStore(Template template, String table) {
        return String.valueOf(template.tables().get(table).properties().get("KeySchema")).contains("branch-key-id");
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    }
}
