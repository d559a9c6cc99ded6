package io.liaison.local;

import io.liaison.config.InvocationContext;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stands in for Lambda's DynamoDB event source mapping: polls the table's stream and invokes
 * the stream function with real DynamodbEvent batches. A record the handler reports as failed is
 * retried from its sequence number, as Lambda does with ReportBatchItemFailures.
 */
final class StreamPoller extends Poller {
    private static final long MAX_BACKOFF_MILLIS = 2000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String function;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> known = new HashSet<>();
    private final Map<String, String> lastSequence = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new LinkedHashMap<>();
    private final int maxAttempts;

    /** {@code maxRetries} is the event source's MaximumRetryAttempts from the template. */
    StreamPoller(DynamoDbStreamsClient streams, String streamArn, String function, int maxRetries,
                 RequestHandler<DynamodbEvent, StreamsEventResponse> handler) {
        super("stream-" + function, 2000);
        this.maxAttempts = maxRetries + 1;
        this.streams = streams;
        this.streamArn = streamArn;
        this.function = function;
        this.handler = handler;
    }



    @Override
    protected void run() {
        long lastDescribe = 0;
        while (running()) {
            try {
                if (System.currentTimeMillis() - lastDescribe > 1000 || iterators.isEmpty()) {
                    discoverShards();
                    lastDescribe = System.currentTimeMillis();
                }
                boolean busy = false;
                for (String shard : List.copyOf(iterators.keySet())) {
                    busy |= pollSafely(shard);
                }
                if (!busy) Thread.sleep(25);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running()) return;
                System.err.println("stream poller " + function + ": " + e);
                sleepQuietly(500);
            }
        }
    }

    private void discoverShards() {
        String start = null;
        do {
            String from = start;
            var description = streams.describeStream(d -> d.streamArn(streamArn).exclusiveStartShardId(from)).streamDescription();
            for (Shard shard : description.shards()) {
                // Known only once it has an iterator: a shard whose first GetShardIterator failed
                // (a stream not yet active, as LocalStack's is for a moment) is tried again next time.
                if (!known.contains(shard.shardId())) {
                    iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.TRIM_HORIZON, null));
                    known.add(shard.shardId());
                }
            }
            start = description.lastEvaluatedShardId();
        } while (start != null);
    }

    /**
     * Polls one shard; a failure of one shard never stops the others. An iterator that expired
     * (a laptop asleep for 15 minutes) or points at trimmed data is replaced, from the last
     * record handled where there is one.
     */
    private boolean pollSafely(String shard) {
        try {
            return poll(shard);
        } catch (ExpiredIteratorException e) {
            iterators.put(shard, lastSequence.containsKey(shard)
                    ? iterator(shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSequence.get(shard))
                    : iterator(shard, ShardIteratorType.TRIM_HORIZON, null));
        } catch (TrimmedDataAccessException e) {
            iterators.put(shard, iterator(shard, ShardIteratorType.TRIM_HORIZON, null));
        } catch (RuntimeException e) {
            if (running()) System.err.println("stream poller " + function + ", shard " + shard + ": " + e);
        }
        return false;
    }

    private String iterator(String shard, ShardIteratorType type, String sequence) {
        return streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shard).shardIteratorType(type)
                .sequenceNumber(sequence)).shardIterator();
    }

    /** Reads one batch from a shard and hands it to the function; true when there were records. */
    private boolean poll(String shard) {
        String iterator = iterators.get(shard);
        GetRecordsResponse response = streams.getRecords(g -> g.shardIterator(iterator).limit(100));
        List<Record> records = response.records();
        if (records.isEmpty()) {
            advance(shard, response.nextShardIterator());
            return false;
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(this::convert).toList());
        StreamsEventResponse result;
        try {
            result = handler.handleRequest(event, InvocationContext.of(function));
        } catch (RuntimeException e) {
            System.err.println("stream function " + function + " failed: " + e);
            result = new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                    records.get(0).dynamodb().sequenceNumber())));
        }
        List<StreamsEventResponse.BatchItemFailure> failures = result == null || result.getBatchItemFailures() == null
                ? List.of() : result.getBatchItemFailures();
        if (failures.isEmpty()) {
            lastSequence.put(shard, records.get(records.size() - 1).dynamodb().sequenceNumber());
            attempts.clear();
            advance(shard, response.nextShardIterator());
            return true;
        }
        String failed = failures.get(0).getItemIdentifier();
        int attempt = attempts.merge(failed, 1, Integer::sum);
        if (attempt >= maxAttempts) {
            // On AWS the record would now go to the on-failure destination; locally the log is that destination.
            System.err.println("stream function " + function + ": record " + failed + " failed " + attempt
                    + " times; skipping it, as the event source mapping does after its last retry");
            attempts.remove(failed);
            lastSequence.put(shard, failed);
            iterators.put(shard, iterator(shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, failed));
        } else {
            sleepQuietly(Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempt, 10)));
            iterators.put(shard, iterator(shard, ShardIteratorType.AT_SEQUENCE_NUMBER, failed));
        }
        return true;
    }

    private void advance(String shard, String next) {
        if (next == null) iterators.remove(shard); // the shard is closed and read to its end
        else iterators.put(shard, next);
    }

    private DynamodbEvent.DynamodbStreamRecord convert(Record record) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventVersion(record.eventVersion());
        out.setEventSource("aws:dynamodb");
        out.setAwsRegion(record.awsRegion());
        out.setEventSourceARN(streamArn);
        var source = record.dynamodb();
        StreamRecord stream = new StreamRecord();
        stream.setKeys(convert(source.keys()));
        if (source.hasNewImage()) stream.setNewImage(convert(source.newImage()));
        if (source.hasOldImage()) stream.setOldImage(convert(source.oldImage()));
        stream.setSequenceNumber(source.sequenceNumber());
        stream.setSizeBytes(source.sizeBytes());
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(source.streamViewTypeAsString()));
        if (source.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
        }
        out.setDynamodb(stream);
        return out;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> convert(
            Map<String, AttributeValue> item) {
        return item.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> convert(e.getValue()),
                (a, b) -> a, LinkedHashMap::new));
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue convert(AttributeValue value) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case B -> out.setB(value.b().asByteBuffer());
            case SS -> out.setSS(value.ss());
            case NS -> out.setNS(value.ns());
            case BS -> out.setBS(value.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> out.setM(convert(value.m()));
            case L -> out.setL(value.l().stream().map(StreamPoller::convert).toList());
            case BOOL -> out.setBOOL(value.bool());
            case NUL -> out.setNULL(true);
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException("unknown attribute type in stream record");
        }
        return out;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
