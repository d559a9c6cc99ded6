package io.liaison.benchmark.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

/**
 * What Lambda's Java runtime does in a new execution environment, reduced to one process: load the
 * handler class and construct it (the init phase), read the event JSON into the handler's event type
 * with the runtime's own serialization library, invoke, write the response as JSON. One cold-start
 * sample is one run of this main in a fresh JVM; the parent process times it from process start to
 * the {@code @@first} line.
 *
 * <pre>FirstInvocation HANDLER_CLASS EVENT.json [WARM_INVOCATIONS]</pre>
 *
 * After the first response it may invoke the same event WARM_INVOCATIONS more times and then reports
 * the warm duration and the memory the process holds ({@code @@warm}). Reflection here stands in for
 * the runtime's, which finds handlers the same way.
 */
public final class FirstInvocation {
    /** "typed": call a handler that is also a RequestStreamHandler through its typed handleRequest, as if template.yaml named the method. */
    public static final String ENTRY = "BENCHMARK_ENTRY";

    private FirstInvocation() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Class<?> handlerClass = Class.forName(args[0]);
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : 0;

        Object handler = handlerClass.getConstructor().newInstance();
        long initialised = System.nanoTime();
        boolean typedEntry = "typed".equals(System.getenv(ENTRY));
        Invoker invoker = handler instanceof RequestStreamHandler streaming && !typedEntry ? bytes -> stream(streaming, bytes) : typed(handler);
        String response = invoker.invoke(event);
        long responded = System.nanoTime();
        // The parent stops its clock when it reads this line.
        System.out.println("@@first init_ns=" + (initialised - started) + " invoke_ns=" + (responded - initialised)
                + " response=" + summary(response));
        System.out.flush();

        if (warm > 0) {
            long[] durations = new long[warm];
            for (int i = 0; i < warm; i++) {
                long t = System.nanoTime();
                invoker.invoke(event);
                durations[i] = System.nanoTime() - t;
            }
            Arrays.sort(durations);
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.println("@@warm p50_ns=" + durations[warm / 2] + " heap_used=" + (runtime.totalMemory() - runtime.freeMemory())
                    + " rss_kb=" + status("VmRSS") + " hwm_kb=" + status("VmHWM"));
            System.out.flush();
        }
        System.exit(0); // SDK and server threads would otherwise keep the JVM up
    }

    /** One invocation: the event's JSON in, the response's JSON out. */
    private interface Invoker {
        String invoke(byte[] event) throws Exception;
    }

    /**
     * As the runtime does for a handler named without a method (template.yaml): a class that is a
     * RequestStreamHandler gets the event's bytes, and the runtime's serialization library is never loaded.
     */
    private static String stream(RequestStreamHandler handler, byte[] event) throws Exception {
        var json = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), json, new SampleContext());
        return json.toString(StandardCharsets.UTF_8);
    }

    /** A RequestHandler: the event read into its type, and the result written, by the runtime's serialization library. */
    private static Invoker typed(Object handler) {
        Method handle = handleRequest(handler.getClass());
        PojoSerializer<Object> input = serializer(handle.getParameterTypes()[0]);
        PojoSerializer<Object> output = serializer(handle.getReturnType());
        return event -> invoke(handler, handle, input, output, event);
    }

    private static String invoke(Object handler, Method handle, PojoSerializer<Object> input, PojoSerializer<Object> output,
                                 byte[] event) throws Exception {
        Object result = handle.invoke(handler, input.fromJson(new ByteArrayInputStream(event)), new SampleContext());
        if (result == null) return "null";
        var json = new ByteArrayOutputStream();
        output.toJson(result, json);
        return json.toString(StandardCharsets.UTF_8);
    }

    /** The handler's own handleRequest: the one declared with a concrete event type, not the bridge. */
    private static Method handleRequest(Class<?> handlerClass) {
        return Arrays.stream(handlerClass.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()
                        && !Modifier.isStatic(m.getModifiers()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(handlerClass + " has no handleRequest(event, context)"));
    }

    /** As the runtime chooses: the events library's serializers for its event types, Jackson for the rest (Map). */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, FirstInvocation.class.getClassLoader());
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    private static String summary(String response) {
        String oneLine = response.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private static String status(String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> line.replaceAll("\\D", ""))
                .findFirst().orElse("?");
    }

    /** The context of an invocation with Lambda's values for a 1024 MB function. */
    private static final class SampleContext implements Context {
        private final String requestId = UUID.randomUUID().toString();
        private final String function = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "benchmark");

        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + function; }
        @Override public String getLogStreamName() { return "benchmark"; }
        @Override public String getFunctionName() { return function; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-central-1:000000000000:function:" + function; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 20_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.println(message); }
                @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
                @Override public void log(String message, LogLevel level) { System.out.println(level + " " + message); }
            };
        }
    }
}
