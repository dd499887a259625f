package com.bcerp.handlers.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.time.Instant;

/**
 * A Lambda context with a function name and a request id, the fields the JSON log lines take from it, and the
 * deadline a function's timeout sets.
 */
public record FakeLambdaContext(String functionName, String requestId, Instant deadline) implements Context {

    /** 30 s left. */
    public FakeLambdaContext(String functionName, String requestId) {
        this(functionName, requestId, Instant.now().plusSeconds(30));
    }

    /** {@code left} from now. */
    public static FakeLambdaContext timingOutIn(Duration left) {
        return new FakeLambdaContext("order-worker", "req-1", Instant.now().plus(left));
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "2026/12/07/[$LATEST]test"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName;
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return null; }
}
