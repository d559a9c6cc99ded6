package io.liaison.infra;

import io.liaison.config.Environment;
import io.liaison.local.Invocations;
import io.liaison.local.LocalBroker;
import io.liaison.local.Template;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every function does before its SnapStart snapshot (its public prime(), which the org.crac
 * hook runs): it completes against the real table and queue, writes nothing, sends nothing, and
 * calls only what the function's policy in template.yaml allows, since on AWS it runs with that role.
 */
@ExtendWith(Broker.Own.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrimingTest {
    private final Template template = Template.read(Template.locate(Path.of("")));
    private Set<Map<String, AttributeValue>> itemsBefore;
    private Map<String, String> queuesBefore;
    private Set<CallRecorder.Call> calls;
    private final List<String> primed = new ArrayList<>();

    @BeforeAll
    void primeEveryFunction(Api api, LocalBroker broker) throws Exception {
        // A request in the table, so that "writes nothing" is checked against something; once its
        // notice is delivered nothing else happens, and the event sources wait from here on, so that
        // a message priming sent would stay in its queue.
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        api.awaitEvent("nl-police", id, "DELIVERY");
        broker.pauseEventSources(true);
        itemsBefore = items(broker);
        queuesBefore = queueDepths(broker);
        CallRecorder.start(broker.tableName());
        for (Template.Function function : template.functions()) {
            Object handler = Class.forName(function.handlerClass()).getConstructor(Environment.class)
                    .newInstance(new Environment(broker.environment(function.logicalId())));
            var prime = handler.getClass().getMethod("prime");
            Invocations.run(function.logicalId(), () -> {
                try {
                    prime.invoke(handler);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(function.logicalId() + " could not prime: " + e.getCause(), e.getCause());
                }
            });
            primed.add(function.logicalId());
        }
        calls = CallRecorder.calls();
    }

    @org.junit.jupiter.api.AfterAll
    void readEventSourcesAgain(LocalBroker broker) {
        broker.pauseEventSources(false);
    }

    @Test
    void everyFunctionPrimes() {
        assertThat(primed).containsExactlyElementsOf(template.functions().stream().map(Template.Function::logicalId).toList());
    }

    @Test
    void primingWritesNothing_andSendsNothing(LocalBroker broker) {
        assertThat(items(broker)).isEqualTo(itemsBefore);
        assertThat(queueDepths(broker)).isEqualTo(queuesBefore);
    }

    @Test
    void primingReachesDynamoDb_withOnlyWhatEachFunctionsPolicyAllows() {
        assertThat(calls).extracting(CallRecorder.Call::function).containsAll(List.of("TrackingFunction", "ReviewFunction",
                "PolicyFunction", "AuditFunction", "RouterFunction", "DeadlineFunction", "DigestFunction", "NotifierFunction"));
        List<String> denied = new ArrayList<>();
        for (CallRecorder.Call call : calls) {
            Template.Function function = template.functions().stream().filter(f -> f.logicalId().equals(call.function()))
                    .findFirst().orElseThrow();
            if (TemplatePolicies.of(template, function).stream().noneMatch(s -> s.allows(call.action(), call.resource()))) {
                denied.add(call.toString());
            }
        }
        assertThat(denied).as("priming calls the function's policy does not allow").isEmpty();
    }

    private static Set<Map<String, AttributeValue>> items(LocalBroker broker) {
        Set<Map<String, AttributeValue>> items = new HashSet<>();
        broker.dynamoDb().scanPaginator(scan -> scan.tableName(broker.tableName()).consistentRead(true))
                .items().forEach(items::add);
        return items;
    }

    private static Map<String, String> queueDepths(LocalBroker broker) {
        Map<String, String> depths = new java.util.TreeMap<>();
        for (String queue : broker.queueNames()) {
            Map<QueueAttributeName, String> attributes = broker.sqs().getQueueAttributes(get -> get.queueUrl(broker.queueUrl(queue))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            depths.put(queue, attributes.toString());
        }
        return depths;
    }
}
