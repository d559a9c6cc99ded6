package io.liaison.infra;

import io.liaison.local.Template;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator on AWS gets from template.yaml for every function (issue 17): Lambda's JSON log
 * format into a log group of its own that expires, and an alarm on its errors and on its throttles.
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
