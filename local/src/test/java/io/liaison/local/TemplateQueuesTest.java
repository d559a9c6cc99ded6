package io.liaison.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the local server reads of SQS in a template: queues with their redrive, and SQS event sources. */
class TemplateQueuesTest {
    private final Template template = Template.read(resource("/queues-template.yaml"));

    @Test
    void aQueue_keepsItsVisibilityTimeout_andItsDeadLetterQueue() {
        assertThat(template.queues().get("WorkQueue"))
                .isEqualTo(new Template.Queue("WorkQueue", 1, new Template.Redrive("WorkDeadLetters", 3)));
        assertThat(template.queues().get("WorkDeadLetters")).isEqualTo(new Template.Queue("WorkDeadLetters", null, null));
    }

    @Test
    void anSqsEvent_namesItsQueue_batchSize_andReportBatchItemFailures() {
        Template.Function worker = template.functions().stream().filter(f -> f.logicalId().equals("WorkerFunction"))
                .findFirst().orElseThrow();

        assertThat(worker.queues()).containsExactly(new Template.QueueTrigger("WorkQueue", 10, true));
    }

    @Test
    void anEventTypeTheLocalServerCannotRun_stillStopsIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y::handleRequest
                      Events:
                        Topic:
                          Type: SNS
                          Properties: {Topic: !Ref T}
                """);

        assertThatThrownBy(() -> Template.read(file)).hasMessageContaining("cannot run events of type SNS");
    }

    private static Path resource(String name) {
        try {
            return Path.of(TemplateQueuesTest.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
