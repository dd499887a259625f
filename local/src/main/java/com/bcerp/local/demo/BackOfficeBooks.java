package com.bcerp.local.demo;

import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import com.bcerp.sandbox.visma.VismaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A back office's order documents, payments and customers as a person checking the connector's work reads them: with
 * credentials of their own, through the back office's own HTTP API (never through the adapter under test), in words
 * that are the same for every back office. One implementation per sandbox.
 */
public sealed interface BackOfficeBooks {

    /** What a document does to what the customer owes: a sale adds, a credit note or a return takes off. */
    enum Kind { SALE, CREDIT, RETURN }

    /**
     * One document: {@code externalRef} the connector's reference it carries (the store order's, with a suffix for an
     * edit, credit or return), {@code total} including tax as the back office reckons it (a credit's as a positive
     * amount), {@code cancelled} whether it no longer counts.
     */
    record Document(String id, String externalRef, Kind kind, BigDecimal total, boolean cancelled) {}

    /** One customer payment, by the connector's reference it carries. */
    record Payment(String id, String externalRef, BigDecimal amount, boolean voided) {}

    /**
     * One customer, as its customer screen shows it: {@code storeRef} the store customer's reference it carries, and
     * its name, email, phone, first address line and class (null where the back office keeps none).
     */
    record Customer(String id, String storeRef, String name, String email, String phone, String address1,
            String customerClass) {}

    String type();

    List<Document> documents();

    /** Its payments; empty where it takes none (then {@link #takesPayments()} says so). */
    List<Payment> payments();

    List<Customer> customers();

    /** One AR invoice posted for a paid order: {@code total} including tax, {@code balance} what is still owed. */
    record Invoice(String id, String externalRef, BigDecimal total, BigDecimal balance) {}

    /** Its AR invoices for paid orders; empty where the adapter posts none ({@code invoices.methods} is Acumatica's). */
    default List<Invoice> invoices() {
        return List.of();
    }

    /**
     * A customer price class's prices as its sales prices screen shows them today, "item/CURRENCY" to price: rows
     * without a break quantity, of an item's rows in one currency the one effective latest. Empty where the back
     * office keeps none ({@code price_lists.mappings} is Acumatica's).
     */
    default Map<String, BigDecimal> prices(String priceClass) {
        return Map.of();
    }

    /** Whether the connector's adapter for it posts payments (a port it has). */
    boolean takesPayments();

    static BackOfficeBooks of(LocalBackOffice backOffice) {
        return switch (backOffice) {
            case LocalBackOffice.Acumatica a -> new Acumatica(a.sandbox());
            case LocalBackOffice.Visma v -> new Visma(v.sandbox());
            case LocalBackOffice.Uniconta u -> new Uniconta(u.sandbox());
            case LocalBackOffice.Extensiv e -> throw new IllegalArgumentException("a warehouse (extensiv) keeps no "
                    + "credits, payments or customers: the lifecycle scenario runs on an ERP");
        };
    }

    ObjectMapper JSON = new ObjectMapper();

    HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(String... pairs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            s.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    private static List<JsonNode> rows(JsonNode array) {
        List<JsonNode> rows = new ArrayList<>();
        array.forEach(rows::add);
        return rows;
    }

    private static String text(JsonNode node, String pointer) {
        JsonNode n = node.at(pointer);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** Acumatica's contract-based API with a token of the checker's own (OAuth password grant). */
    final class Acumatica implements BackOfficeBooks {
        private final AcumaticaSandbox erp;
        private String token;

        public Acumatica(AcumaticaSandbox erp) {
            this.erp = erp;
        }

        /** Any contract-based read, as the checker makes it: a list's rows, or the one record GET by keys answers. */
        public List<JsonNode> read(String pathAndQuery) {
            return get(pathAndQuery);
        }

        @Override
        public String type() {
            return "acumatica";
        }

        private List<JsonNode> get(String pathAndQuery) {
            JsonNode body = send(request(pathAndQuery).GET().build());
            return body.isArray() ? rows(body) : List.of(body);
        }

        private HttpRequest.Builder request(String pathAndQuery) {
            if (token == null) {
                AcumaticaSandbox.Settings s = erp.settings();
                token = send(HttpRequest.newBuilder(URI.create(erp.baseUrl() + "/identity/connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form("grant_type", "password", "scope", "api",
                                "username", s.username(), "password", s.password(), "client_id", s.clientId(),
                                "client_secret", s.clientSecret()))).build()).path("access_token").asText();
            }
            return HttpRequest.newBuilder(URI.create(erp.endpointUrl() + "/" + pathAndQuery))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        }

        /** The Sales Prices inquiry (a PUT of its filter), as the price manager opens it for the class today. */
        @Override
        public Map<String, BigDecimal> prices(String priceClass) {
            ObjectNode filter = JSON.createObjectNode();
            filter.putObject("PriceType").put("value", "Customer Price Class");
            filter.putObject("PriceCode").put("value", priceClass);
            filter.putObject("EffectiveAsOf").put("value", LocalDate.now(ZoneOffset.UTC) + "T00:00:00+00:00");
            JsonNode answer = send(request("SalesPricesInquiry?$expand=SalesPriceDetails")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(filter.toString())).build());
            Map<String, JsonNode> latest = new TreeMap<>();
            for (JsonNode row : answer.path("SalesPriceDetails")) {
                if (row.at("/BreakQty/value").decimalValue().signum() > 0) {
                    continue;
                }
                String key = text(row, "/InventoryID/value") + "/" + text(row, "/CurrencyID/value");
                JsonNode had = latest.get(key);
                if (had == null || String.valueOf(text(row, "/EffectiveDate/value"))
                        .compareTo(String.valueOf(text(had, "/EffectiveDate/value"))) > 0) {
                    latest.put(key, row);
                }
            }
            Map<String, BigDecimal> out = new TreeMap<>();
            latest.forEach((key, row) -> out.put(key, row.at("/Price/value").decimalValue()));
            return out;
        }

        /** SO orders sell; the credit (CR) and return (RC) orders take off. */
        @Override
        public List<Document> documents() {
            return get("SalesOrder").stream().map(so -> {
                String type = text(so, "/OrderType/value");
                Kind kind = switch (type) {
                    case "SO" -> Kind.SALE;
                    case "RC" -> Kind.RETURN;
                    default -> Kind.CREDIT;
                };
                return new Document(type + "/" + text(so, "/OrderNbr/value"), text(so, "/ExternalRef/value"), kind,
                        so.at("/OrderTotal/value").decimalValue(), "Cancelled".equals(text(so, "/Status/value")));
            }).toList();
        }

        @Override
        public List<Payment> payments() {
            return get("Payment").stream().map(p -> new Payment(text(p, "/Type/value") + "/"
                    + text(p, "/ReferenceNbr/value"), text(p, "/ExternalRef/value"),
                    p.at("/PaymentAmount/value").decimalValue(), "Voided".equals(text(p, "/Status/value")))).toList();
        }

        @Override
        public List<Customer> customers() {
            return get("Customer?$expand=MainContact,BillingContact/Address").stream().map(c -> new Customer(
                    text(c, "/CustomerID/value"), text(c, "/AccountRef/value"), text(c, "/CustomerName/value"),
                    text(c, "/Email/value"), text(c, "/MainContact/Phone1/value"),
                    text(c, "/BillingContact/Address/AddressLine1/value"), text(c, "/CustomerClass/value"))).toList();
        }

        /** SO invoices (type Invoice; credit memos are the credits'), by the order's reference they carry. */
        @Override
        public List<Invoice> invoices() {
            return get("SalesInvoice").stream().filter(i -> "Invoice".equals(text(i, "/Type/value")))
                    .map(i -> new Invoice(text(i, "/ReferenceNbr/value"), text(i, "/ExternalRef/value"),
                            i.at("/Amount/value").decimalValue(), i.at("/Balance/value").decimalValue())).toList();
        }

        @Override
        public boolean takesPayments() {
            return true;
        }
    }

    /**
     * Visma.net ERP's Service API with a token of the checker's own (client credentials for the tenant), lists read
     * page by page: sales orders, customer credit notes (credits and returns), customers.
     */
    final class Visma implements BackOfficeBooks {
        private static final int PAGE = 1000;
        private final VismaSandbox erp;
        private String token;

        Visma(VismaSandbox erp) {
            this.erp = erp;
        }

        @Override
        public String type() {
            return "visma";
        }

        private List<JsonNode> list(String path) {
            if (token == null) {
                VismaSandbox.Settings s = erp.settings();
                token = send(HttpRequest.newBuilder(URI.create(erp.tokenUrl()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form("grant_type", "client_credentials",
                                "client_id", s.clientId(), "client_secret", s.clientSecret(), "tenant_id",
                                s.tenantId(), "scope", "vismanet_erp_service_api:read"))).build())
                        .path("access_token").asText();
            }
            List<JsonNode> all = new ArrayList<>();
            for (int page = 1; ; page++) {
                List<JsonNode> found = rows(send(HttpRequest.newBuilder(URI.create(erp.baseUrl() + path
                        + "?pageSize=" + PAGE + "&pageNumber=" + page)).header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json").GET().build()));
                all.addAll(found);
                if (found.size() < PAGE) {
                    return all;
                }
            }
        }

        /**
         * Sales orders (the adapter writes its sales and added sales as orders of its one order type) carry the
         * reference in {@code customerRefNo}; credit notes in {@code externalReference}.
         */
        @Override
        public List<Document> documents() {
            List<Document> all = new ArrayList<>();
            for (JsonNode so : list("/v1/salesorder")) {
                String type = text(so, "/orderType");
                all.add(new Document(type + "/" + text(so, "/orderNo"), text(so, "/customerRefNo"),
                        Kind.SALE, so.path("orderTotal").decimalValue(),
                        "Cancelled".equals(text(so, "/status"))));
            }
            // a return of goods is a credit note too, marked "return" in its note (as the adapter writes it)
            for (JsonNode c : list("/v1/customerCreditNote")) {
                all.add(new Document(text(c, "/referenceNumber"), text(c, "/externalReference"),
                        "return".equals(text(c, "/note")) ? Kind.RETURN : Kind.CREDIT,
                        c.path("amountInCurrency").decimalValue(), "Voided".equals(text(c, "/status"))));
            }
            return all;
        }

        /** The adapter posts none yet; the sandbox's {@code GET /v1/customerPayment} would list them. */
        @Override
        public List<Payment> payments() {
            return List.of();
        }

        /** The store customer's reference is the {@code BCID} attribute the adapter writes (its default). */
        @Override
        public List<Customer> customers() {
            return list("/v1/customer").stream().map(c -> {
                String ref = null;
                for (JsonNode a : c.path("attributes")) {
                    if (a.path("id").asText().equals("BCID")) {
                        ref = a.path("value").asText();
                    }
                }
                return new Customer(text(c, "/number"), ref, text(c, "/name"), text(c, "/mainContact/email"),
                        text(c, "/mainContact/phone1"), text(c, "/mainAddress/addressLine1"),
                        text(c, "/customerClass/id"));
            }).toList();
        }

        @Override
        public boolean takesPayments() {
            return false;
        }
    }

    /**
     * Uniconta's REST Entities API with HTTP Basic ({@code 00<CompanyId>/<user>}): orders with their lines, whose total
     * including VAT is reckoned as Uniconta does (per VAT code on the lines' sum, {@link LocalBackOffice.Uniconta}),
     * and debtors with their user fields. A credit note is an order of negative lines; {@code Requisition} (the
     * adapter's default kind field) tells a return from a credit; a cancelled order is blocked.
     */
    final class Uniconta implements BackOfficeBooks {
        private final UnicontaSandbox erp;

        Uniconta(UnicontaSandbox erp) {
            this.erp = erp;
        }

        @Override
        public String type() {
            return "uniconta";
        }

        private List<JsonNode> read(String entity) {
            UnicontaSandbox.Settings s = erp.settings();
            String basic = Base64.getEncoder().encodeToString(("00" + s.companyId() + "/" + s.user() + ":"
                    + s.password()).getBytes(StandardCharsets.UTF_8));
            return rows(send(HttpRequest.newBuilder(URI.create(erp.baseUrl() + "/api/Entities/Read/" + entity))
                    .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET().build()));
        }

        @Override
        public List<Document> documents() {
            Map<String, BigDecimal> rates = LocalBackOffice.Uniconta.vatRates(read("GLVatClient"));
            Map<Long, Map<String, BigDecimal>> nets = LocalBackOffice.Uniconta.netByOrderAndVat(
                    read("DebtorOrderLineClient"));
            List<Document> all = new ArrayList<>();
            for (JsonNode order : read("DebtorOrderClient")) {
                BigDecimal total = LocalBackOffice.Uniconta.withVat(order, rates, nets);
                Kind kind = switch (Optional.ofNullable(text(order, "/Requisition")).orElse("")) {
                    case "return" -> Kind.RETURN;
                    case "credit" -> Kind.CREDIT;
                    default -> total.signum() < 0 ? Kind.CREDIT : Kind.SALE;
                };
                all.add(new Document(text(order, "/OrderNumber"), text(order, "/OurRef"), kind, total.abs(),
                        order.path("Blocked").asBoolean()));
            }
            return all;
        }

        @Override
        public List<Payment> payments() {
            return List.of();
        }

        /**
         * The store customer's reference is in the user field {@code StoreCustomerId} (the adapter's default), its
         * class the debtor group.
         */
        @Override
        public List<Customer> customers() {
            return read("DebtorClientUser").stream().map(d -> new Customer(text(d, "/Account"),
                    text(d, "/StoreCustomerId"), text(d, "/Name"), text(d, "/ContactEmail"), text(d, "/Phone"),
                    text(d, "/Address1"), text(d, "/Group"))).toList();
        }

        @Override
        public boolean takesPayments() {
            return false;
        }
    }
}
