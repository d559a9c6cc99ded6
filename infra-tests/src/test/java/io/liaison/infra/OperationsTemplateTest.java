package io.liaison.infra;

import io.liaison.local.Template;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator on AWS gets from template.yaml for every function (issue 17): Lambda's JSON log
 * format into a log group of its own that expires, and an alarm on its errors and on its throttles;
 * X-Ray tracing; Liaison's own alarms and dashboard on the metrics the code writes (io.liaison.ops.Metric).
 */
class OperationsTemplateTest {
    private final Template template = Template.read(Template.locate(Path.of("")));

    private List<String> functions() {
        return template.functions().stream().map(Template.Function::logicalId).toList();
    }

    @Test
    void everyFunctionLogsJson_intoALogGroupOfItsOwn_withRetention() {
        assertThat(functions()).hasSizeGreaterThanOrEqualTo(11).allSatisfy(function -> {
            Map<String, Object> logging = map(properties(function).get("LoggingConfig"));
            assertThat(logging).as(function).containsEntry("LogFormat", "JSON")
                    .containsEntry("LogGroup", Map.of("Ref", function + "Logs"));
            Map<String, Object> group = resource(function + "Logs");
            assertThat(group.get("Type")).isEqualTo("AWS::Logs::LogGroup");
            assertThat(map(group.get("Properties"))).containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionDays"))
                    .containsEntry("LogGroupName", Map.of("Fn::Sub", "/liaison/${AWS::StackName}/" + function));
        });
        assertThat(template.parameters()).containsKey("LogRetentionDays");
    }

    @Test
    void everyFunctionHasAnAlarmOnItsErrors_andOneOnItsThrottles() {
        assertThat(functions()).allSatisfy(function -> {
            for (String metric : List.of("Errors", "Throttles")) {
                Map<String, Object> alarm = resource(function + metric + "Alarm");
                assertThat(alarm.get("Type")).as(function + " " + metric).isEqualTo("AWS::CloudWatch::Alarm");
                Map<String, Object> p = map(alarm.get("Properties"));
                assertThat(p).containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", metric)
                        .containsEntry("Threshold", 1).containsEntry("TreatMissingData", "notBreaching");
                assertThat(p.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function))));
            }
        });
    }

    @Test
    void everyFunctionIsTraced_andTellsItsMetricsWhichStackTheyComeFrom() {
        assertThat(Template.functionGlobals(Template.locate(Path.of("")))).containsEntry("Tracing", "Active");
        assertThat(functions()).allSatisfy(function -> assertThat(template.functions().stream()
                .filter(f -> f.logicalId().equals(function)).findFirst().orElseThrow().environment())
                .as(function).containsKey(io.liaison.ops.OperationsLog.STACK));
    }

    @Test
    void liaisonsAlarmsWatchOverdueRequests_unroutableOnes_andBrokenTrails_onMetricsTheCodeWrites() {
        Map<String, String> alarms = Map.of("OverdueRequestsAlarm", "DeadlinesPassed",
                "UnroutableRequestsAlarm", "Unroutable", "TrailVerificationFailedAlarm", "VerificationFailures");
        alarms.forEach((alarm, metric) -> {
            Map<String, Object> p = properties(alarm);
            assertThat(p).as(alarm).containsEntry("Namespace", io.liaison.ops.Metric.NAMESPACE)
                    .containsEntry("MetricName", metric).containsEntry("Threshold", 1);
            assertThat(p.get("Dimensions")).isEqualTo(List.of(Map.of("Name", io.liaison.ops.Metric.DIMENSION,
                    "Value", Map.of("Ref", "AWS::StackName"))));
        });
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopic() {
        var alarms = template.resources().entrySet().stream()
                .filter(e -> "AWS::CloudWatch::Alarm".equals(map(e.getValue()).get("Type"))).toList();
        assertThat(alarms).hasSizeGreaterThanOrEqualTo(25).allSatisfy(e -> assertThat(map(map(e.getValue()).get("Properties")))
                .as(e.getKey()).containsEntry("AlarmActions", List.of(Map.of("Ref", "AlarmTopic"))));
        assertThat(resource("AlarmTopic").get("Type")).isEqualTo("AWS::SNS::Topic");
    }

    @Test
    void theDashboardShowsEveryMetricLiaisonWrites_andNoneItDoesNot() throws Exception {
        Object body = properties("Dashboard").get("DashboardBody");
        String json = (String) map(body).get("Fn::Sub");
        var widgets = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("widgets");
        java.util.Set<String> shown = new java.util.TreeSet<>();
        widgets.forEach(w -> w.path("properties").path("metrics").forEach(m -> {
            if (m.get(0).asText().equals(io.liaison.ops.Metric.NAMESPACE)) shown.add(m.get(1).asText());
        }));
        assertThat(shown).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(io.liaison.ops.Metric.values())
                .map(io.liaison.ops.Metric::metricName).toList());
    }

    /**
     * The nested stacks' functions (the console publisher, the branch key's custom resource) run only
     * during a deploy, but when one fails the operator needs its log beside the others' and an alarm.
     */
    @Test
    void theNestedStacksFunctions_logJsonBesideTheOthers_andAlarmOnTheStacksTopic() {
        Path root = Template.locate(Path.of("")).getParent();
        var nested = template.resources().entrySet().stream()
                .filter(e -> "AWS::Serverless::Application".equals(map(e.getValue()).get("Type"))).toList();
        assertThat(nested).hasSizeGreaterThanOrEqualTo(2).allSatisfy(application -> {
            Map<String, Object> p = map(map(application.getValue()).get("Properties"));
            assertThat(map(p.get("Parameters"))).as(application.getKey())
                    .containsEntry("Stack", Map.of("Ref", "AWS::StackName"))
                    .containsEntry("LogRetentionDays", Map.of("Ref", "LogRetentionDays"))
                    .containsEntry("AlarmTopic", Map.of("Ref", "AlarmTopic"));
            Template stack = Template.read(root.resolve((String) p.get("Location")));
            assertThat(stack.functions()).isNotEmpty().allSatisfy(function -> {
                String id = function.logicalId();
                Map<String, Object> resource = map(stack.resources().get(id));
                assertThat(map(map(resource.get("Properties")).get("LoggingConfig"))).as(id)
                        .containsEntry("LogFormat", "JSON").containsEntry("LogGroup", Map.of("Ref", id + "Logs"));
                assertThat(map(map(stack.resources().get(id + "Logs")).get("Properties")))
                        .containsEntry("LogGroupName", Map.of("Fn::Sub", "/liaison/${Stack}/" + id))
                        .containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionDays"));
                for (String metric : List.of("Errors", "Throttles")) {
                    Map<String, Object> alarm = map(map(stack.resources().get(id + metric + "Alarm")).get("Properties"));
                    assertThat(alarm).as(id + " " + metric).containsEntry("MetricName", metric)
                            .containsEntry("AlarmActions", List.of(Map.of("Ref", "AlarmTopic")));
                    assertThat(alarm.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", id))));
                }
            });
        });
    }

    private Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(template.resources().get(logicalId));
        assertThat(resource).as(logicalId + " in template.yaml").isNotEmpty();
        return resource;
    }

    private Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
