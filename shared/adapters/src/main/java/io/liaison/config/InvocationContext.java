package io.liaison.config;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda context of an invocation Liaison makes itself rather than Lambda: the local server's
 * (a fresh request id each) and SnapStart priming's (a fixed one: nothing unique before a snapshot).
 */
public record InvocationContext(String functionName, String awsRequestId) implements Context {
    /** A local invocation of {@code functionName}, with a request id of its own. */
    public static InvocationContext of(String functionName) {
        return new InvocationContext(functionName, UUID.randomUUID().toString());
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/local/" + functionName; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:000000000000:function:" + functionName; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 20_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.out.println("[" + functionName + "] " + message); }
            @Override public void log(byte[] message) { log(new String(message, StandardCharsets.UTF_8)); }
            @Override public void log(String message, LogLevel level) { log(level + " " + message); }
        };
    }
}
