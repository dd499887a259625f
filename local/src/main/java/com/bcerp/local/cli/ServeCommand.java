package com.bcerp.local.cli;

import com.bcerp.bigcommerce.webhook.WebhookAuthenticator;
import com.bcerp.local.ops.RuntimeFile;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the local runtime and both sandboxes until interrupted. The first line on standard output is one JSON object
 * with everything a program outside the project needs to place orders and read the results.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the connector locally with the store's and the back offices' sandboxes until interrupted (Ctrl-C). The first line on "
                + "standard output is a JSON object with the URLs and credentials of the sandboxes.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "0", description = "Port for the webhook front door (default: any free port).")
    int port;

    @Option(names = "--quota", defaultValue = "450", description = "The store sandbox's requests per 30 s (default ${DEFAULT-VALUE}).")
    int quota;

    @Mixin
    ConfigOption config;

    @Mixin
    BackOfficeOption backOffice;

    @Mixin
    LogFormatOption logFormat;

    @Option(names = "--verbose", description = "Log the connector's work to standard error.")
    boolean verbose;

    @Option(names = "--runtime-file", description = "Where to tell `connector ops` how to reach this runtime "
            + "(default: ~/.bc-erp-connector/serve.json; removed on exit).")
    Path runtimeFile;

    @Override
    public Integer call() throws Exception {
        Logging.configure(verbose, logFormat.format);
        Path configFile = config.validated();
        Path stateDir = Files.createTempDirectory("bcerp-serve");
        LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(stateDir).withQuota(quota)
                .withConfigFile(backOffice.applyTo(configFile, stateDir)).withFrontDoorPort(port));
        Path opsFile = runtimeFile != null ? runtimeFile : RuntimeFile.DEFAULT;
        RuntimeFile.write(opsFile, RuntimeFile.describe(runtime));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RuntimeFile.remove(opsFile, ProcessHandle.current().pid());
            runtime.close();
            stopped.countDown();
        }));
        System.out.println(new ObjectMapper().writeValueAsString(describe(runtime)));
        System.out.flush();
        System.err.println("serve: running; Ctrl-C stops it");
        stopped.await();
        return 0;
    }

    static Map<String, Object> describe(LocalRuntime runtime) {
        BigCommerceSandbox store = runtime.bigcommerce();
        List<SandboxCatalog.Item> items = Stream.concat(store.catalog().simpleItems().stream().limit(5),
                store.catalog().variantItems().stream().limit(3)).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("front_door_url", runtime.frontDoor().webhookUrl());
        json.put("bigcommerce_url", store.baseUrl());
        json.put("bigcommerce_api_url", store.baseUrl() + "/stores/" + store.storeHash());
        json.put("bigcommerce_store_hash", store.storeHash());
        json.put("bigcommerce_access_token", store.adminAccessToken());
        json.put("bigcommerce_client_secret", store.clientSecret());
        json.put("webhook_secret_header", WebhookAuthenticator.SECRET_HEADER);
        json.put("webhook_secret", runtime.webhookSecret());
        if (runtime.backOffices().values().stream().anyMatch(b -> b instanceof LocalBackOffice.Acumatica)) {
            AcumaticaSandbox erp = runtime.acumatica();
            AcumaticaSandbox.Settings erpSettings = erp.settings();
            json.put("erp_url", erp.baseUrl());
            json.put("erp_endpoint_url", erp.endpointUrl());
            json.put("erp_endpoint_version", erpSettings.endpointVersion());
            json.put("erp_username", erpSettings.username());
            json.put("erp_password", erpSettings.password());
            json.put("erp_client_id", erpSettings.clientId());
            json.put("erp_client_secret", erpSettings.clientSecret());
        }
        Map<String, Object> backOffices = new LinkedHashMap<>();
        runtime.backOffices().forEach((name, b) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("type", b.type());
            one.put("url", b.url());
            one.put("credentials", b.secret());
            // what a deployment sets for it ({NAME}_URL, a Visma tenant, an Uniconta company, ...)
            one.put("settings", b.environment(name, runtime.timing()));
            backOffices.put(name, one);
        });
        json.put("back_offices", backOffices);
        // the queue pump runs the order worker as the stack's event source does (deployment.order_worker)
        json.put("order_worker", Map.of("batch_size", runtime.pump().batchSize(),
                "max_concurrency", runtime.pump().concurrency()));
        json.put("skus", items.stream().map(SandboxCatalog.Item::sku).toList());
        json.put("products", items.stream().map(i -> Map.of("sku", i.sku(), "product_id", i.productId(),
                "variant_id", i.variantId(), "name", i.name(), "price", i.price())).toList());
        return json;
    }
}
