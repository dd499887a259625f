package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.port.StorePriceLists;
import com.bcerp.core.pricelist.StorePriceRecord;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.conformance.OpenApiSpec;
import com.bcerp.sandbox.conformance.SpecFiles;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The price-list adapter against the store sandbox: a list found by name or created once, records written by variant
 * and currency and read back with their SKUs, removed, refusals naming the field; and every exchange checked against
 * BigCommerce's {@code price_lists.v3.yml} when {@code specs.dir} holds it (the file is not among the shared specs
 * yet, so the check is skipped, with the reason, until it is added there).
 */
class PriceListsConformanceIT {

    static final String SPEC = "bigcommerce/price_lists.v3.yml";

    BigCommerceSandbox sandbox;
    BigCommercePriceLists lists;
    final List<BigCommerceSandbox.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    SandboxCatalog.Item mug;
    SandboxCatalog.Item tee;

    @BeforeEach
    void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withQuota(10_000, 30_000));
        lists = new BigCommercePriceLists(BigCommerceClient.create(new BigCommerceSettings(URI.create(sandbox.baseUrl()),
                sandbox.storeHash(), sandbox.connectorAccessToken())));
        mug = sandbox.catalog().simpleItems().get(0);
        tee = sandbox.catalog().variantItems().get(0);
        sandbox.onExchange(exchanges::add);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Everything the price-list sync asks of the store, refusals included. */
    private void exercise() {
        long id = lists.findOrCreate("Wholesale");
        assertThat(lists.findOrCreate("Wholesale")).isEqualTo(id);
        Map<String, Long> variants = lists.variantIds(List.of(mug.sku(), tee.sku().toLowerCase(), "NO-SUCH-SKU"));
        assertThat(variants).containsOnly(Map.entry(mug.sku(), mug.variantId()),
                Map.entry(tee.sku().toLowerCase(), tee.variantId()));

        lists.upsert(id, List.of(new StorePriceRecord(mug.variantId(), mug.sku(), "USD", new BigDecimal("4.25")),
                new StorePriceRecord(tee.variantId(), tee.sku(), "USD", new BigDecimal("15.00")),
                new StorePriceRecord(tee.variantId(), tee.sku(), "EUR", new BigDecimal("14.00"))));
        lists.upsert(id, List.of(new StorePriceRecord(mug.variantId(), mug.sku(), "USD", new BigDecimal("4.50"))));
        assertThat(lists.records(id)).extracting(r -> r.sku() + "/" + r.currency() + "=" + r.price().stripTrailingZeros())
                .containsExactlyInAnyOrder(mug.sku() + "/USD=4.5", tee.sku() + "/USD=15", tee.sku() + "/EUR=14");

        lists.delete(id, "EUR", List.of(tee.variantId()));
        assertThat(lists.records(id)).extracting(StorePriceRecord::sku).containsExactlyInAnyOrder(mug.sku(), tee.sku());

        new StoreAdmin(sandbox).send("POST", "/v2/customer_groups", "{\"name\":\"Trade\"}", sandbox.adminAccessToken());
        assertThat(lists.customerGroup("Nobody")).isEmpty();
        long trade = lists.customerGroup("Trade").orElseThrow().id();
        assertThat(lists.customerGroup("Trade").orElseThrow().priceListId()).isNull();
        lists.assign(trade, id);
        assertThat(lists.customerGroup("Trade").orElseThrow().priceListId()).isEqualTo(id);
        assertThat(lists.customerGroup("Trade").orElseThrow().otherDiscounts()).isFalse();

        assertThatThrownBy(() -> lists.upsert(id, List.of(new StorePriceRecord(999_999, "GONE", "USD", BigDecimal.ONE))))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("variant_id")
                .satisfies(e -> assertThat(((PermanentFailure) e).field()).isEqualTo("variant_id"));
        List<StorePriceRecord> tooMany = new ArrayList<>();
        for (int i = 0; i <= StorePriceLists.MAX_RECORDS_PER_UPSERT; i++) {
            tooMany.add(new StorePriceRecord(mug.variantId(), mug.sku(), "USD", BigDecimal.ONE));
        }
        assertThatThrownBy(() -> lists.upsert(id, tooMany)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAdapterKeepsAListByNameAndItsRecordsByVariantAndCurrency() {
        exercise();
        assertThat(exchanges).filteredOn(e -> e.method().equals("POST") && e.path().endsWith("/v3/pricelists")).hasSize(1);
    }

    @Test
    void thePriceListExchangesConform() {
        OpenApiSpec spec = OpenApiSpec.from(SpecFiles.require(SPEC)).basePath("/stores/" + sandbox.storeHash() + "/v3")
                // the records DELETE answers 204 No Content, yet the file gives that 204 a JSON body schema
                .patch(file -> ((com.fasterxml.jackson.databind.node.ObjectNode) file.path("paths")
                        .path("/pricelists/{price_list_id}/records").path("delete").path("responses").path("204"))
                        .remove("content"))
                .build();
        exercise();
        // the customer groups' spec (customers.v2.yml) is not among the shared specs either; only price lists are checked
        List<OpenApiSpec.Interaction> checked = exchanges.stream().filter(e -> e.path().contains("/v3/pricelists"))
                .map(e -> new OpenApiSpec.Interaction(e.method(), e.path(), e.query(), e.requestHeaders(),
                        new String(e.requestBody(), StandardCharsets.UTF_8), e.status(), e.responseHeaders(),
                        new String(e.responseBody(), StandardCharsets.UTF_8))).toList();
        assertThat(checked).extracting(OpenApiSpec.Interaction::status).contains(200, 204, 422);
        assertThat(spec.problems(checked)).as("exchanges that do not conform").isEmpty();
    }
}
