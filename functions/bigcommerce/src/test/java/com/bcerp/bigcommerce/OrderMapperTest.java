package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderLine;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The order JSON of GET /v2/orders/{id}?include=consignments.line_items,fees&consignment_structure=object. */
class OrderMapperTest {

    private final OrderMapper mapper = new OrderMapper("abc123");

    @Test
    void mapsTheSpecExampleOrderField_byField() throws IOException {
        StoreOrder order = mapper.map(fixture("order-218-spec-example.json"));

        assertThat(order.storeHash()).isEqualTo("abc123");
        assertThat(order.id()).isEqualTo(218);
        assertThat(order.statusId()).isEqualTo(7);
        assertThat(order.status()).isEqualTo("Awaiting Payment");
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2019-03-05T21:40:11Z"));
        assertThat(order.modifiedAt()).isEqualTo(Instant.parse("2019-03-11T15:17:25Z"));
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.taxInclusive()).isFalse();
        assertThat(order.channelId()).isEqualTo(1);
        assertThat(order.paymentMethod()).isEqualTo("Cash");

        assertThat(order.buyer().storeCustomerId()).isEqualTo(11);
        assertThat(order.buyer().email()).isEqualTo("janedoe@example.com");
        assertThat(order.billingAddress().street1()).isEqualTo("555 East Street");
        assertThat(order.billingAddress().postalCode()).isEqualTo("78108");
        assertThat(order.billingAddress().countryIso2()).isEqualTo("US");

        assertThat(order.subtotalExTax()).isEqualTo(usd("62.6793"));
        assertThat(order.shippingExTax()).isEqualTo(usd("11.0900"));
        assertThat(order.shippingTax()).isEqualTo(usd("0.9100"));
        assertThat(order.handlingExTax().isZero()).isTrue();
        assertThat(order.wrappingTax().isZero()).isTrue();
        assertThat(order.totalExTax()).isEqualTo(usd("64.5300"));
        assertThat(order.totalTax()).isEqualTo(usd("5.3100"));
        assertThat(order.totalIncTax()).isEqualTo(usd("69.8400"));

        assertThat(order.shipping()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(99);
            assertThat(s.shippingMethod()).isEqualTo("Free Shipping");
            assertThat(s.address().company()).isEqualTo("Laser Ltd");
            assertThat(s.address().postalCode()).isEqualTo("12345");
            assertThat(s.costExTax().sameAs(usd("5.1"))).isTrue();
            assertThat(s.costTax().sameAs(usd("1.1"))).isTrue();
        });

        assertThat(order.lines()).hasSize(2);
        OrderLine towel = order.lines().get(0);
        assertThat(towel.id()).isEqualTo(65);
        assertThat(towel.productId()).isEqualTo(77);
        assertThat(towel.variantId()).isNull();
        assertThat(towel.sku()).isEqualTo("S-ORAN");
        assertThat(towel.type()).isEqualTo("physical");
        assertThat(towel.quantity()).isEqualByComparingTo("1");
        assertThat(towel.unitPriceExTax()).isEqualTo(usd("55.9900"));
        assertThat(towel.unitPriceIncTax()).isEqualTo(usd("65.2300"));
        assertThat(towel.totalExTax()).isEqualTo(usd("55.9900"));
        assertThat(towel.totalTax()).isEqualTo(usd("9.2400"));
        assertThat(towel.shippingAddressId()).isEqualTo(51L);
        assertThat(towel.discounts()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("manual-discount");
            assertThat(d.name()).isEqualTo("Manual Discount");
            assertThat(d.code()).isNull();
            assertThat(d.target()).isEqualTo("order");
            assertThat(d.amount()).isEqualTo(usd("1.5900"));
        });
        assertThat(towel.options()).extracting(o -> o.name() + "=" + o.value())
                .startsWith("Size=S", "Color=Orange");

        OrderLine bundled = order.lines().get(1);
        assertThat(bundled.parentLineId()).isEqualTo(65L);
        assertThat(bundled.discounts()).isEmpty();
        // the order's discount is what its lines carry
        assertThat(order.discountTotal()).isEqualTo(usd("1.5900"));
    }

    @Test
    void collectsTheLinesOfEveryConsignmentKindAndTheyAddUpToTheOrder() throws IOException {
        StoreOrder order = mapper.map(fixture("order-247-every-consignment.json"));

        assertThat(order.lines()).extracting(OrderLine::sku).containsExactly("TEE-200-RED-M", "EBOOK-1", "SKU-0105");
        assertThat(order.lines().get(0).variantId()).isEqualTo(1004L);
        assertThat(order.lines().get(0).options()).extracting(o -> o.name() + "=" + o.value())
                .containsExactly("Color=Red", "Size=M");
        assertThat(order.lines().get(1).type()).isEqualTo("digital");
        assertThat(order.lines().get(1).shippingAddressId()).isNull();
        assertThat(order.lines()).extracting(OrderLine::locationId).as("the pickup names its location")
                .containsExactly(null, null, 1L);
        assertThat(order.shipping()).singleElement().satisfies(s -> assertThat(s.shippingMethod()).isEqualTo("Flat Rate"));

        Money lines = order.lines().stream().map(OrderLine::totalExTax).reduce(Money.zero("USD"), Money::plus);
        Money lineTax = order.lines().stream().map(OrderLine::totalTax).reduce(Money.zero("USD"), Money::plus);
        assertThat(lines.sameAs(order.subtotalExTax())).isTrue();
        assertThat(lines.plus(order.shippingExTax()).sameAs(order.totalExTax())).isTrue();
        assertThat(lineTax.plus(order.shippingTax()).sameAs(order.totalTax())).isTrue();
        assertThat(order.totalExTax().plus(order.totalTax()).sameAs(order.totalIncTax())).isTrue();
        assertThat(order.totalIncTax().sameAs(usd("1008.74"))).isTrue();
    }

    @Test
    void usesTheDisplayCurrencyWhenTheTransactionalOneIsMissing() throws IOException {
        ObjectNode json = (ObjectNode) fixture("order-247-every-consignment.json");
        json.remove("default_currency_code");
        json.put("currency_code", "EUR");

        assertThat(mapper.map(json).currency()).isEqualTo("EUR");
        assertThat(mapper.map(json).totalIncTax().currency()).isEqualTo("EUR");
    }

    @Test
    void readsTheSpecExamplesFeesWhicheverWayTheyNameTheirExTaxCost() throws IOException {
        StoreOrder order = mapper.map(fixture("order-218-spec-example.json"));

        assertThat(order.fees()).extracting(f -> f.id(), f -> f.name(), f -> f.exTax(), f -> f.tax(), f -> f.taxClassId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "A Fee", usd("12.3000"), usd("0.0000"), 22),
                        org.assertj.core.groups.Tuple.tuple(2L, "B Fee", usd("4.0000"), usd("8.0000"), null));
        assertThat(order.giftCertificateAmount().isZero()).isTrue();
        assertThat(order.storeCurrency()).as("the spec example's store_default_currency_code is empty").isEqualTo("USD");
    }

    @Test
    void readsTheShoppersCurrencyTheStoresAndTheRateBetweenThem() throws IOException {
        ObjectNode json = (ObjectNode) fixture("order-247-every-consignment.json");
        json.put("currency_code", "EUR").put("default_currency_code", "EUR").put("store_default_currency_code", "USD")
                .put("store_default_to_transactional_exchange_rate", "0.9200000000").put("gift_certificate_amount", "10.0000");

        StoreOrder order = mapper.map(json);

        assertThat(order.currency()).isEqualTo("EUR");
        assertThat(order.storeCurrency()).isEqualTo("USD");
        assertThat(order.exchangeRate()).isEqualByComparingTo("0.92");
        assertThat(order.isForeignCurrency()).isTrue();
        assertThat(order.giftCertificateAmount()).isEqualTo(Money.of("10.0000", "EUR"));
    }

    @Test
    void refusesAnOrderFetchedWithoutItsConsignments() throws IOException {
        ObjectNode json = (ObjectNode) fixture("order-218-spec-example.json");
        json.putObject("consignments").put("url", "https://x/v2/orders/218/consignments").put("resource", "/orders/218/consignments");

        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("order 218").extracting(e -> ((PermanentFailure) e).field()).isEqualTo("consignments");
    }

    @Test
    void refusesLineItemsThatAreOnlyLinks() throws IOException {
        ObjectNode json = (ObjectNode) fixture("order-218-spec-example.json");
        ((ObjectNode) json.path("consignments").path("shipping").get(0)).putArray("line_items").addObject()
                .put("url", "https://x/v2/orders/218/products/65").put("resource", "/orders/218/products/65");

        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("include=consignments.line_items");
    }

    @Test
    void namesTheOrderAndFieldOfAMalformedAmount() throws IOException {
        ObjectNode json = (ObjectNode) fixture("order-218-spec-example.json");
        ((ObjectNode) json.path("consignments").path("shipping").get(0).path("line_items").get(0))
                .put("price_ex_tax", "fifty");

        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("order 218")
                .extracting(e -> ((PermanentFailure) e).field())
                .isEqualTo("consignments.shipping[0].line_items[0].price_ex_tax");
    }

    @Test
    void namesAMissingTotal() throws IOException {
        ObjectNode json = (ObjectNode) fixture("order-218-spec-example.json");
        json.remove("total_inc_tax");

        assertThatThrownBy(() -> mapper.map(json)).isInstanceOf(PermanentFailure.class)
                .extracting(e -> ((PermanentFailure) e).field()).isEqualTo("total_inc_tax");
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = OrderMapperTest.class.getResourceAsStream("/orders/" + name)) {
            return JsonSupport.MAPPER.readTree(in);
        }
    }

    private static Money usd(String amount) {
        return new Money(new BigDecimal(amount), "USD");
    }
}
