package io.liaison.config;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router's and the notifier's events read, and their partial-batch answers written, with
 * Liaison's mapper: Lambda's stream entry, so that the runtime never loads its own serialization
 * library for them (docs/decisions/0027). Only what the handlers read is read: a stream record's
 * id, name, keys, images and sequence number; a message's id, receipt handle, body and attributes;
 * a scheduled event's fields.
 */
public final class BatchEvents {
    private BatchEvents() {}

    /** A DynamoDB stream batch as Lambda's event source mapping sends it. */
    public static DynamodbEvent dynamodb(InputStream input) throws IOException {
        DynamodbEvent event = new DynamodbEvent();
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (JsonNode in : Json.MAPPER.readTree(input).path("Records")) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(text(in, "eventID"));
            record.setEventName(text(in, "eventName"));
            record.setEventSource(text(in, "eventSource"));
            record.setEventSourceARN(text(in, "eventSourceARN"));
            JsonNode change = in.path("dynamodb");
            if (change.isObject()) {
                StreamRecord stream = new StreamRecord();
                stream.setKeys(image(change.path("Keys")));
                stream.setNewImage(image(change.path("NewImage")));
                stream.setOldImage(image(change.path("OldImage")));
                stream.setSequenceNumber(text(change, "SequenceNumber"));
                record.setDynamodb(stream);
            }
            records.add(record);
        }
        event.setRecords(records);
        return event;
    }

    /** An SQS batch as Lambda's event source mapping sends it. */
    public static SQSEvent sqs(InputStream input) throws IOException {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (JsonNode in : Json.MAPPER.readTree(input).path("Records")) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(text(in, "messageId"));
            message.setReceiptHandle(text(in, "receiptHandle"));
            message.setBody(text(in, "body"));
            message.setEventSourceArn(text(in, "eventSourceARN"));
            if (in.path("attributes").isObject()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                in.path("attributes").properties().forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
                message.setAttributes(attributes);
            }
            messages.add(message);
        }
        event.setRecords(messages);
        return event;
    }

    /** A scheduled event (EventBridge) as a map of its fields, as the runtime gives a {@code Map<String, Object>} handler. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> scheduled(InputStream input) throws IOException {
        return Json.MAPPER.readValue(input, Map.class);
    }

    /** A handler's text result as the runtime writes it: one JSON string. */
    public static void result(OutputStream output, String text) throws IOException {
        Json.MAPPER.writeValue(output, Json.MAPPER.getNodeFactory().textNode(text));
    }

    /** {"batchItemFailures":[{"itemIdentifier":…}]}: the records Lambda is to retry. */
    public static void failures(OutputStream output, List<String> itemIdentifiers) throws IOException {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        var failures = answer.putArray("batchItemFailures");
        itemIdentifiers.forEach(id -> failures.addObject().put("itemIdentifier", id));
        Json.MAPPER.writeValue(output, answer);
    }

    private static Map<String, AttributeValue> image(JsonNode image) {
        if (!image.isObject()) return null;
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        image.properties().forEach(a -> out.put(a.getKey(), value(a.getValue())));
        return out;
    }

    /** One attribute value in DynamoDB's JSON: {"S": …}, {"N": …}, {"M": {…}} and the rest. */
    private static AttributeValue value(JsonNode in) {
        AttributeValue value = new AttributeValue();
        if (in.has("S")) value.setS(in.get("S").asText());
        if (in.has("N")) value.setN(in.get("N").asText());
        if (in.has("B")) value.setB(ByteBuffer.wrap(Base64.getDecoder().decode(in.get("B").asText())));
        if (in.has("BOOL")) value.setBOOL(in.get("BOOL").asBoolean());
        if (in.has("NULL")) value.setNULL(in.get("NULL").asBoolean());
        if (in.has("SS")) value.setSS(texts(in.get("SS")));
        if (in.has("NS")) value.setNS(texts(in.get("NS")));
        if (in.has("BS")) value.setBS(texts(in.get("BS")).stream().map(b -> ByteBuffer.wrap(Base64.getDecoder().decode(b))).toList());
        if (in.has("M")) value.setM(image(in.get("M")));
        if (in.has("L")) {
            List<AttributeValue> list = new ArrayList<>();
            in.get("L").forEach(item -> list.add(value(item)));
            value.setL(list);
        }
        return value;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
