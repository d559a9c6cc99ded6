package io.liaison.local;

import io.liaison.messaging.SqsClients;
import io.liaison.config.Environment;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's SQS queues, served by ElasticMQ inside this process. A queue's local name is its
 * logical id; its ARN has the shape AWS gives it, so RedrivePolicy and the functions' variables
 * read as they do on AWS.
 */
final class LocalQueues implements AutoCloseable {
    static final String ACCOUNT = "000000000000";

    private final SQSRestServer server;
    private final String endpoint;
    private final String region;
    private final SqsClient client;
    private final Map<String, String> urls = new HashMap<>();

    private LocalQueues(SQSRestServer server, String endpoint, String region) {
        this.server = server;
        this.endpoint = endpoint;
        this.region = region;
        this.client = SqsClients.sqs(new Environment(Map.of("AWS_REGION", region, "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_SQS", endpoint)));
    }

    /** Starts ElasticMQ on {@code host:port} and creates the queues; stops it again if that fails. */
    static LocalQueues start(String host, int port, String region, Collection<Template.Queue> queues) {
        // LocalBroker.close() stops ElasticMQ, from the server's shutdown hook too. Pekko's own hook would
        // race it, and warns "Could not addJvmShutdownHook" when it first starts during the JVM's shutdown.
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        SQSRestServer server = SQSRestServerBuilder.withInterface(host).withPort(port)
                .withAWSRegion(region).withAWSAccountId(ACCOUNT).start();
        LocalQueues started = null;
        try {
            server.waitUntilStarted();
            started = new LocalQueues(server, "http://" + host + ":" + port, region);
            started.create(queues);
            return started;
        } catch (RuntimeException | Error e) {
            // ElasticMQ's actor threads are not daemons: left running they would keep the JVM alive.
            if (started != null) started.close();
            else server.stopAndWait();
            throw e;
        }
    }

    /** Dead-letter queues first: a RedrivePolicy can only name a queue that exists. */
    private void create(Collection<Template.Queue> queues) {
        List<Template.Queue> ordered = new ArrayList<>();
        queues.stream().filter(q -> q.redrive() == null).forEach(ordered::add);
        queues.stream().filter(q -> q.redrive() != null).forEach(ordered::add);
        for (Template.Queue queue : ordered) {
            if (queue.redrive() != null && !urls.containsKey(queue.redrive().deadLetterQueue())) {
                // A dead-letter queue with a RedrivePolicy of its own would need a deeper order; none has one.
                throw new IllegalStateException("queue " + queue.logicalId() + ": its dead-letter queue "
                        + queue.redrive().deadLetterQueue() + " is not a queue of the template, or has a RedrivePolicy itself");
            }
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            if (queue.visibilityTimeoutSeconds() != null) {
                attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, queue.visibilityTimeoutSeconds().toString());
            }
            if (queue.redrive() != null) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + arn(queue.redrive().deadLetterQueue())
                        + "\",\"maxReceiveCount\":" + queue.redrive().maxReceiveCount() + "}");
            }
            urls.put(queue.logicalId(), client.createQueue(c -> c.queueName(queue.logicalId()).attributes(attributes)).queueUrl());
        }
    }

    String endpoint() {
        return endpoint;
    }

    SqsClient client() {
        return client;
    }

    boolean has(String logicalId) {
        return urls.containsKey(logicalId);
    }

    List<String> names() {
        return urls.keySet().stream().sorted().toList();
    }

    /** The queue's URL, as CloudFormation's {@code !Ref} gives it. */
    String url(String logicalId) {
        String url = urls.get(logicalId);
        if (url == null) throw new IllegalArgumentException("no queue " + logicalId + " in the template");
        return url;
    }

    String arn(String logicalId) {
        return "arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + logicalId;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
