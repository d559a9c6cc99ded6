package io.liaison.benchmark.broker;

import io.liaison.local.Invocations;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Every AWS SDK call in the benchmark JVM passes here (listed in
 * software/amazon/awssdk/global/handlers/execution.interceptors). It does three things, each only
 * when asked: hands {@link Throughput} the next transaction a function makes; while
 * {@link #startMetering() metering}, asks DynamoDB for the capacity each call of a function consumed
 * and sums it per function; and times the invocations the local stream and queue pollers make.
 * Calls of the benchmark itself (not made inside a function) are never counted.
 */
public final class SdkMeter implements ExecutionInterceptor {
    /** What one function consumed: units as DynamoDB reported them, calls by "service:Operation". */
    public record Usage(double readUnits, double writeUnits, double indexWriteUnits, long unreported,
                        Map<String, Long> calls, double callMillis) {
        public long calls(String prefix) {
            return calls.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** One invocation by a poller: {@code worked} when the function made any AWS call (an AWS filter would not drop it). */
    public record PolledInvocation(String function, long nanos, boolean worked) {}

    private static final class Tally {
        final DoubleAdder read = new DoubleAdder();
        final DoubleAdder write = new DoubleAdder();
        final DoubleAdder indexWrite = new DoubleAdder();
        final LongAdder unreported = new LongAdder();
        final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
        /** Time spent waiting on AWS calls (locally: DynamoDB Local, ElasticMQ, the local KMS), from send to answer. */
        final DoubleAdder callMillis = new DoubleAdder();

        Usage usage() {
            Map<String, Long> counted = new TreeMap<>();
            calls.forEach((k, v) -> counted.put(k, v.sum()));
            return new Usage(read.sum(), write.sum(), indexWrite.sum(), unreported.sum(), counted, callMillis.sum());
        }
    }

    /** An invocation a poller has started (its batch arrived) and not yet ended. */
    private static final class Open {
        final long start = System.nanoTime();
        int calls;
    }

    private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Long> STARTED =
            new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("liaison.benchmark.started");
    private static final AtomicReference<Waiting> CAPTURE = new AtomicReference<>();
    private static volatile boolean metering;
    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();
    private static final ConcurrentLinkedQueue<PolledInvocation> POLLED = new ConcurrentLinkedQueue<>();
    private static final LongAdder MESSAGES_RECEIVED = new LongAdder();
    private static final ThreadLocal<Open> OPEN = new ThreadLocal<>();
    /** Calls the benchmark makes on a function's behalf (the digest, run by hand): counted as that function's. */
    private static final ThreadLocal<String> ON_BEHALF = new ThreadLocal<>();
    private static volatile long lastBackgroundCall = System.nanoTime();

    private record Waiting(String function, CompletableFuture<TransactWriteItemsRequest> transaction) {}

    /** The next TransactWriteItems {@code function} makes, as it was sent. */
    public static CompletableFuture<TransactWriteItemsRequest> nextTransaction(String function) {
        Waiting waiting = new Waiting(function, new CompletableFuture<>());
        CAPTURE.set(waiting);
        return waiting.transaction();
    }

    /** Forgets what was counted and counts from now on. */
    public static void startMetering() {
        TALLIES.clear();
        POLLED.clear();
        MESSAGES_RECEIVED.reset();
        metering = true;
    }

    public static void stopMetering() {
        metering = false;
    }

    public static Map<String, Usage> usage() {
        Map<String, Usage> usage = new TreeMap<>();
        TALLIES.forEach((function, tally) -> usage.put(function, tally.usage()));
        return usage;
    }

    public static Usage usage(String function) {
        Tally tally = TALLIES.get(function);
        return tally == null ? new Usage(0, 0, 0, 0, Map.of(), 0) : tally.usage();
    }

    public static List<PolledInvocation> polledInvocations() {
        return List.copyOf(POLLED);
    }

    /** Messages the queue pollers received while metering (each is one SQS receive at low traffic). */
    public static long messagesReceived() {
        return MESSAGES_RECEIVED.sum();
    }

    /** Runs {@code work} counting its calls as {@code function}'s. */
    public static <T> T onBehalfOf(String function, Supplier<T> work) {
        ON_BEHALF.set(function);
        try {
            return work.get();
        } finally {
            ON_BEHALF.remove();
        }
    }

    /**
     * Waits until the functions the pollers run (router, notifier) have made no call for
     * {@code quietMillis}, at most {@code maxMillis}; returns how long it waited.
     */
    public static long awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
        long start = System.nanoTime();
        while ((System.nanoTime() - lastBackgroundCall) / 1_000_000 < quietMillis
                && (System.nanoTime() - start) / 1_000_000 < maxMillis) {
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Optional<String> function() {
        return Invocations.currentFunction().or(() -> Optional.ofNullable(ON_BEHALF.get()));
    }

    private static boolean pollerThread() {
        String name = Thread.currentThread().getName();
        return name.startsWith("stream-") || name.startsWith("sqs-");
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!metering || function().isEmpty()) return context.request();
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES; // table and index units apart
        return switch (context.request()) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case ScanRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case TransactGetItemsRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            default -> context.request();
        };
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Optional<String> function = function();
        if (function.isPresent()) {
            attributes.putAttribute(STARTED, System.nanoTime());
            Waiting waiting = CAPTURE.get();
            if (waiting != null && waiting.function().equals(function.get())
                    && context.request() instanceof TransactWriteItemsRequest transaction && CAPTURE.compareAndSet(waiting, null)) {
                waiting.transaction().complete(transaction);
            }
            if (pollerThread()) {
                lastBackgroundCall = System.nanoTime();
                Open open = OPEN.get();
                if (open != null) open.calls++;
            }
        } else if (pollerThread()) {
            // The poller's own next call: the function it invoked has returned.
            Open open = OPEN.get();
            if (open != null) {
                OPEN.remove();
                if (metering) POLLED.add(new PolledInvocation(pollerFunction(), System.nanoTime() - open.start, open.calls > 0));
            }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Optional<String> function = function();
        if (function.isEmpty()) {
            if (pollerThread() && batchArrived(context.response())) OPEN.set(new Open());
            return;
        }
        if (!metering) return;
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(java.util.Locale.ROOT);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Tally tally = TALLIES.computeIfAbsent(function.get(), f -> new Tally());
        Long started = attributes.getAttribute(STARTED);
        if (started != null) tally.callMillis.add((System.nanoTime() - started) / 1e6);
        tally.calls.computeIfAbsent(service + ":" + operation, k -> new LongAdder()).increment();
        if (!service.equals("dynamodb")) return;
        SdkResponse response = context.response();
        List<ConsumedCapacity> consumed = switch (response) {
            case GetItemResponse r -> listOf(r.consumedCapacity());
            case QueryResponse r -> listOf(r.consumedCapacity());
            case ScanResponse r -> listOf(r.consumedCapacity());
            case PutItemResponse r -> listOf(r.consumedCapacity());
            case UpdateItemResponse r -> listOf(r.consumedCapacity());
            case DeleteItemResponse r -> listOf(r.consumedCapacity());
            case TransactWriteItemsResponse r -> r.consumedCapacity();
            case TransactGetItemsResponse r -> r.consumedCapacity();
            case BatchGetItemResponse r -> r.consumedCapacity();
            case BatchWriteItemResponse r -> r.consumedCapacity();
            default -> List.of();
        };
        if (consumed.isEmpty()) {
            tally.unreported.increment();
            return;
        }
        boolean write = response instanceof PutItemResponse || response instanceof UpdateItemResponse
                || response instanceof DeleteItemResponse || response instanceof TransactWriteItemsResponse
                || response instanceof BatchWriteItemResponse;
        if (TRACE != null) trace(function.get(), operation, context.request(), consumed);
        for (ConsumedCapacity c : consumed) {
            double units = c.capacityUnits() == null ? 0 : c.capacityUnits();
            (write ? tally.write : tally.read).add(units);
            if (write && c.hasGlobalSecondaryIndexes()) {
                c.globalSecondaryIndexes().values().forEach(i -> tally.indexWrite.add(i.capacityUnits()));
            }
        }
    }

    /** {@code BENCHMARK_TRACE=file}: one line per metered DynamoDB call, with its units by table and index and its items' keys. */
    private static final String TRACE = System.getenv("BENCHMARK_TRACE");

    private static synchronized void trace(String function, String operation, SdkRequest request, List<ConsumedCapacity> consumed) {
        StringBuilder line = new StringBuilder(function).append(' ').append(operation);
        for (ConsumedCapacity c : consumed) {
            line.append(" total=").append(c.capacityUnits()).append(" table=")
                    .append(c.table() == null ? null : c.table().capacityUnits());
            if (c.hasGlobalSecondaryIndexes()) c.globalSecondaryIndexes().forEach((k, v) -> line.append(' ').append(k).append('=').append(v.capacityUnits()));
        }
        List<Map<String, AttributeValue>> items = switch (request) {
            case PutItemRequest r -> List.of(r.item());
            case TransactWriteItemsRequest r -> r.transactItems().stream().map(t -> t.put() != null ? t.put().item()
                    : t.update() != null ? t.update().key() : t.conditionCheck() != null ? t.conditionCheck().key()
                    : t.delete().key()).toList();
            default -> List.of();
        };
        for (Map<String, AttributeValue> item : items) {
            line.append(" [").append(item.get("SK") == null ? "?" : item.get("SK").s()).append(' ').append(Sizes.item(item)).append("B]");
            if (System.getenv("BENCHMARK_TRACE_ITEMS") != null) line.append("\n    ").append(item);
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(TRACE), line.append('\n'), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<ConsumedCapacity> listOf(ConsumedCapacity capacity) {
        return capacity == null ? List.of() : List.of(capacity);
    }

    /** True when a poller's read returned records or messages: it now invokes its function. */
    private static boolean batchArrived(SdkResponse response) {
        if (response instanceof GetRecordsResponse r) return r.hasRecords() && !r.records().isEmpty();
        if (response instanceof ReceiveMessageResponse r && r.hasMessages() && !r.messages().isEmpty()) {
            if (metering) MESSAGES_RECEIVED.add(r.messages().size());
            return true;
        }
        return false;
    }

    /** "stream-RouterFunction" or "sqs-NotifierFunction-NotificationQueue": the local pollers' thread names. */
    private static String pollerFunction() {
        String name = Thread.currentThread().getName();
        String rest = name.substring(name.indexOf('-') + 1);
        return name.startsWith("sqs-") ? rest.substring(0, rest.indexOf('-')) : rest;
    }
}
