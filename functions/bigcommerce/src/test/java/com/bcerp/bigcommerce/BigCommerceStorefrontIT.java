package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderLine;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.order.OrderMappingSettings;
import com.bcerp.core.order.RoutingSettings;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter against the running sandbox over HTTP: what the store computed is what the connector reads. */
class BigCommerceStorefrontIT {

    static BigCommerceSandbox sandbox;
    static StoreAdmin admin;
    static BigCommerceStorefront storefront;

    @BeforeAll
    static void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withWebhookRetryTimeScale(0.001));
        admin = new StoreAdmin(sandbox);
        storefront = BigCommerceStorefront.create(settings(sandbox.connectorAccessToken()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static BigCommerceSettings settings(String token) {
        return new BigCommerceSettings(URI.create(sandbox.baseUrl()), sandbox.storeHash(), token);
    }

    @Test
    void readsBackACreatedOrderInOneCallAndItAgreesToTheCent() {
        JsonNode created = admin.createOrder(StoreAdmin.richOrder(sandbox, "ada@example.com"));
        long id = created.path("id").asLong();
        long callsBefore = sandbox.calls().total(sandbox.connectorAccessToken());

        StoreOrder order = storefront.order(id).orElseThrow();

        assertThat(sandbox.calls().total(sandbox.connectorAccessToken()) - callsBefore).isEqualTo(1);
        assertThat(order.storeHash()).isEqualTo(sandbox.storeHash());
        assertThat(order.statusId()).isEqualTo(11);
        assertThat(order.status()).isEqualTo("Awaiting Fulfillment");
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.buyer().storeCustomerId()).isEqualTo(7);
        assertThat(order.buyer().email()).isEqualTo("ada@example.com");
        assertThat(order.paymentMethod()).isEqualTo("Credit Card");
        assertThat(order.shipping()).singleElement().satisfies(s -> {
            assertThat(s.shippingMethod()).isEqualTo("Flat Rate");
            assertThat(s.address().countryIso2()).isEqualTo("GB");
            assertThat(s.costExTax().sameAs(usd("9.50"))).isTrue();
            assertThat(s.costTax().sameAs(usd("0.95"))).isTrue();
        });

        var catalog = sandbox.catalog();
        var variant = catalog.variantItems().get(4);
        assertThat(order.lines()).extracting(OrderLine::sku).containsExactly(catalog.simpleItems().get(0).sku(),
                catalog.simpleItems().get(7).sku(), variant.sku(), "SKU-0101");
        OrderLine tee = order.lines().get(2);
        assertThat(tee.variantId()).isEqualTo(variant.variantId());
        assertThat(tee.options()).extracting(o -> o.name() + "=" + o.value())
                .containsExactlyElementsOf(variant.options().stream().map(o -> o.name() + "=" + o.value()).toList());
        assertThat(tee.quantity()).isEqualByComparingTo("2");
        assertThat(tee.unitPriceExTax().sameAs(usd(variant.price().toPlainString()))).isTrue();
        assertThat(order.lines().get(3).productId()).isZero();
        assertThat(order.lines().get(3).unitPriceIncTax().sameAs(usd("4.95"))).isTrue();

        // the discount is spread over the lines and adds up exactly
        assertThat(order.discountTotal().sameAs(usd("7.33"))).isTrue();
        assertThat(order.lines()).allSatisfy(l -> assertThat(l.discounts()).singleElement()
                .satisfies(d -> assertThat(d.id()).isEqualTo("manual-discount")));

        // recompute the store's arithmetic independently
        Money subtotal = Money.zero("USD");
        BigDecimal lineTax = BigDecimal.ZERO;
        for (OrderLine line : order.lines()) {
            assertThat(line.totalExTax().sameAs(line.unitPriceExTax().times(line.quantity()))).isTrue();
            subtotal = subtotal.plus(line.totalExTax());
            BigDecimal left = line.totalExTax().minus(line.discountTotal()).amount();
            BigDecimal lineRate = line.unitPriceIncTax().minus(line.unitPriceExTax()).amount()
                    .divide(line.unitPriceExTax().amount(), 10, RoundingMode.HALF_UP);
            lineTax = lineTax.add(left.multiply(lineRate).setScale(2, RoundingMode.HALF_UP));
        }
        assertThat(order.subtotalExTax().sameAs(subtotal)).isTrue();
        Money totalEx = subtotal.plus(usd("9.50")).plus(usd("2.00")).plus(usd("1.25")).minus(usd("7.33"));
        assertThat(order.totalExTax().sameAs(totalEx)).isTrue();
        assertThat(order.handlingExTax().sameAs(usd("2.00"))).isTrue();
        assertThat(order.wrappingTax().sameAs(usd("0.13"))).isTrue();
        assertThat(order.totalTax().amount()).isEqualByComparingTo(lineTax.add(new BigDecimal("0.95"))
                .add(new BigDecimal("0.20")).add(new BigDecimal("0.13")));
        assertThat(order.totalIncTax().sameAs(order.totalExTax().plus(order.totalTax()))).isTrue();

        // and core's sales order carries the same total without a rounding line
        SalesOrderDraft draft = new SalesOrderMapper(OrderMappingSettings.defaults(), RoutingSettings.defaults(),
                LineArithmetic.ROUND_EACH_THEN_SUBTRACT)
                .toDraft(order, List.of());
        assertThat(draft.total(LineArithmetic.ROUND_EACH_THEN_SUBTRACT)).isEqualTo(order.totalIncTax().toCents());
        assertThat(draft.lines()).noneMatch(l -> "ROUNDING".equals(l.itemId()));
    }

    @Test
    void aDigitalOrderHasItsLinesInTheDownloadsConsignment() {
        Map<String, Object> order = Map.of(
                "billing_address", StoreAdmin.address("Grace", "Hopper", "grace@example.com"),
                "products", List.of(Map.of("product_id", sandbox.catalog().simpleItems().get(2).productId(), "quantity", 1)));
        long id = admin.createOrder(order).path("id").asLong();

        StoreOrder read = storefront.order(id).orElseThrow();

        assertThat(read.shipping()).isEmpty();
        assertThat(read.lines()).singleElement().satisfies(l -> {
            assertThat(l.type()).isEqualTo("digital");
            assertThat(l.shippingAddressId()).isNull();
        });
        assertThat(read.buyer().isGuest()).isTrue();
        assertThat(read.statusId()).isEqualTo(1);
        assertThat(storefront.transactions(id)).as("no payment method, no transaction").isEmpty();
    }

    @Test
    void theSecondCallReadsThePaymentTransaction() {
        long id = admin.createOrder(StoreAdmin.richOrder(sandbox, "pay@example.com")).path("id").asLong();
        StoreOrder order = storefront.order(id).orElseThrow();

        List<PaymentTransaction> transactions = storefront.transactions(id);

        assertThat(transactions).singleElement().satisfies(t -> {
            assertThat(t.orderId()).isEqualTo(id);
            assertThat(t.event()).isEqualTo("purchase");
            assertThat(t.method()).isEqualTo("credit_card");
            assertThat(t.status()).isEqualTo("ok");
            assertThat(t.amount().sameAs(order.totalIncTax().toCents())).isTrue();
            assertThat(t.createdAt()).isNotNull();
        });
    }

    @Test
    void anUnknownOrderIsEmpty() {
        assertThat(storefront.order(987_654)).isEmpty();
        assertThat(storefront.transactions(987_654)).isEmpty();
    }

    @Test
    void aRefusedTokenIsAPermanentFailureThatDoesNotShowTheToken() {
        BigCommerceStorefront wrong = BigCommerceStorefront.create(settings("not-a-token-123"));

        assertThatThrownBy(() -> wrong.order(100)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("401").hasMessageNotContaining("not-a-token-123");
    }

    private static Money usd(String amount) {
        return new Money(new BigDecimal(amount), "USD");
    }

    @Test
    void listsOrdersModifiedSinceATimeOldestChangeFirstForTheCatchUp() throws Exception {
        java.time.Instant since = java.time.Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long first = admin.createOrder(StoreAdmin.richOrder(sandbox, "first@example.com")).path("id").asLong();
        long second = admin.createOrder(StoreAdmin.richOrder(sandbox, "second@example.com")).path("id").asLong();
        admin.setStatus(first, 9); // modified again, so now the later of the two

        List<com.bcerp.core.model.OrderChange> changes = storefront.ordersModifiedSince(since, 1, 250);

        assertThat(changes).extracting(com.bcerp.core.model.OrderChange::id).containsSubsequence(second, first);
        com.bcerp.core.model.OrderChange firstChange = changes.stream().filter(c -> c.id() == first).findFirst().orElseThrow();
        assertThat(firstChange.statusId()).isEqualTo(9);
        assertThat(firstChange.modifiedAt()).isAfterOrEqualTo(since);
        assertThat(storefront.ordersModifiedSince(java.time.Instant.parse("2099-01-01T00:00:00Z"), 1, 250)).isEmpty();
    }
}
