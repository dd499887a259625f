package com.bcerp.local.bench;

import com.bcerp.config.DeploymentSettings;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.runtime.AwsRequests;
import com.bcerp.local.runtime.FunctionTime;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.local.runtime.TempDirs;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one order costs, measured on a realistic mix (the seeder's: about a third of buyers return, one in seven
 * checks out as a guest) with no rate limit in the way: store and back-office calls, AWS requests (every SDK client
 * of the runtime counted by {@link AwsRequests}), DynamoDB request units, the functions' invocations and billed
 * milliseconds, and the worker threads' CPU time and allocation. Then the AWS cost per 1,000 orders from those figures
 * and a dated price table.
 */
public final class OrderCostBench {

    /**
     * AWS list prices in US East (N. Virginia), on-demand, free tiers left out, as AWS's pricing pages give them on
     * 2026-12-07: Lambda on arm64 (the stack's architecture), API Gateway HTTP API (first 300 million), SQS FIFO,
     * DynamoDB on-demand (the November 2024 prices).
     */
    public static final String PRICES_AS_OF = "2026-12-07, us-east-1";
    static final double LAMBDA_GB_SECOND_ARM = 0.0000133334;
    static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
    static final double HTTP_API_PER_REQUEST = 1.00 / 1e6;
    static final double SQS_FIFO_PER_REQUEST = 0.50 / 1e6;
    static final double DYNAMO_PER_READ_UNIT = 0.125 / 1e6;
    static final double DYNAMO_PER_WRITE_UNIT = 0.625 / 1e6;
    /** The receiver's memory as the stack sets it (ConnectorStack: 512 MB); the worker's comes from the config. */
    static final int RECEIVER_MEMORY_MB = 512;

    /** USD per 1,000 orders, by line. */
    public record Cost(double lambdaCompute, double lambdaRequests, double httpApi, double sqs, double dynamodb,
            double perExtra100msOfBackOfficeLatency) {
        @JsonProperty
        public String prices() {
            return PRICES_AS_OF;
        }

        @JsonProperty
        public double total() {
            return lambdaCompute + lambdaRequests + httpApi + sqs + dynamodb;
        }
    }

    public record Result(String backOffice, int orders, double storeCallsPerOrder, double backOfficeCallsPerOrder,
            Map<String, Double> awsRequestsPerOrder, double dynamoReadUnitsPerOrder, double dynamoWriteUnitsPerOrder,
            double receiverInvocationsPerOrder, double receiverBilledMsPerOrder, double workerInvocationsPerOrder,
            double workerBilledMsPerOrder, int workerMemoryMb, double workerCpuMsPerOrder,
            double workerAllocatedKbPerOrder, double elapsedSeconds, @JsonProperty("usd_per_1000_orders") Cost cost) {}

    private OrderCostBench() {}

    public static Result run(int orders, Duration timeout) throws IOException, InterruptedException {
        Path stateDir = Files.createTempDirectory("bcerp-bench-cost");
        // no quota in the way, and the catch-up off (its calls come with time, not orders)
        LocalRuntime.Options options = LocalRuntime.Options.defaults(stateDir).withQuota(1_000_000)
                .withTiming(LocalRuntime.Timing.defaults().withCatchUpEvery(timeout.multipliedBy(2)));
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            BigCommerceSandbox store = runtime.bigcommerce();
            LocalBackOffice backOffice = runtime.backOffices().get(runtime.takingOrders().get(0));
            String token = store.connectorAccessToken();
            FunctionTime receiver = runtime.frontDoor().time();
            FunctionTime worker = runtime.pump().time();
            runtime.pump().enabled(false);
            AwsRequests.Counts awsBefore = AwsRequests.counts();
            long receiverInvocations = receiver.invocations();
            long receiverMs = receiver.billedMs();
            new OrderSeeder(store, 7).place(orders);
            if (!store.awaitDeliveriesIdle(timeout)) {
                throw new IllegalStateException("the store's webhooks were not all delivered within " + timeout);
            }
            receiverInvocations = receiver.invocations() - receiverInvocations;
            receiverMs = receiver.billedMs() - receiverMs;

            long storeBefore = store.calls().total(token);
            long backOfficeBefore = backOffice.calls();
            long workerInvocations = worker.invocations();
            long workerMs = worker.billedMs();
            long[] cpuAndAllocated = workerThreads();
            long start = System.nanoTime();
            runtime.pump().enabled(true);
            long deadline = start + timeout.toNanos();
            while (backOffice.orderTotalsByStoreOrder().size() < orders) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not every order was imported within " + timeout);
                }
                Thread.sleep(20);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            // the last batch may still be deleting its messages: let the worker finish before counting
            while (!runtime.pump().isIdleFor(Duration.ofMillis(500))) {
                Thread.sleep(50);
            }
            long[] after = workerThreads();
            AwsRequests.Counts aws = AwsRequests.counts().minus(awsBefore);
            workerInvocations = worker.invocations() - workerInvocations;
            workerMs = worker.billedMs() - workerMs;
            double n = orders;
            Map<String, Double> awsPerOrder = new LinkedHashMap<>();
            aws.requests().forEach((op, count) -> awsPerOrder.put(op, count / n));
            int workerMemoryMb = DeploymentSettings.defaults().orderWorker().memoryMb();
            double backOfficeCalls = (backOffice.calls() - backOfficeBefore) / n;
            Cost cost = cost(n, receiverInvocations, receiverMs, workerInvocations, workerMs, workerMemoryMb,
                    aws, backOfficeCalls);
            return new Result(backOffice.type(), orders, (store.calls().total(token) - storeBefore) / n,
                    backOfficeCalls, awsPerOrder, aws.dynamoReadUnits() / n, aws.dynamoWriteUnits() / n,
                    receiverInvocations / n, receiverMs / n, workerInvocations / n, workerMs / n, workerMemoryMb,
                    (after[0] - cpuAndAllocated[0]) / 1e6 / n, (after[1] - cpuAndAllocated[1]) / 1024.0 / n, elapsed,
                    cost);
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }

    /** USD per 1,000 orders: the measured figures at the price table's prices. */
    static Cost cost(double orders, long receiverInvocations, long receiverMs, long workerInvocations, long workerMs,
            int workerMemoryMb, AwsRequests.Counts aws, double backOfficeCallsPerOrder) {
        double per1000 = 1000 / orders;
        double gbSeconds = receiverMs / 1000.0 * RECEIVER_MEMORY_MB / 1024 + workerMs / 1000.0 * workerMemoryMb / 1024;
        double compute = gbSeconds * LAMBDA_GB_SECOND_ARM * per1000;
        double requests = (receiverInvocations + workerInvocations) * LAMBDA_PER_REQUEST * per1000;
        double httpApi = receiverInvocations * HTTP_API_PER_REQUEST * per1000;
        double sqs = aws.requests("Sqs") * SQS_FIFO_PER_REQUEST * per1000;
        double dynamo = (aws.dynamoReadUnits() * DYNAMO_PER_READ_UNIT + aws.dynamoWriteUnits() * DYNAMO_PER_WRITE_UNIT)
                * per1000;
        // a real back office answers in hundreds of milliseconds, the sandbox in a few: the worker waits that long
        double latency = 1000 * backOfficeCallsPerOrder * 0.1 * workerMemoryMb / 1024 * LAMBDA_GB_SECOND_ARM;
        return new Cost(compute, requests, httpApi, sqs, dynamo, latency);
    }

    /** CPU nanoseconds and bytes allocated, summed over the worker's poller threads. */
    private static long[] workerThreads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("order-worker-poller-")).mapToLong(Thread::threadId).toArray();
        long cpu = Arrays.stream(threads.getThreadCpuTime(ids)).filter(v -> v > 0).sum();
        long allocated = Arrays.stream(threads.getThreadAllocatedBytes(ids)).filter(v -> v > 0).sum();
        return new long[] {cpu, allocated};
    }
}
