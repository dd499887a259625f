package com.bcerp.local.demo;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.BigCommerceStorefront;
import com.bcerp.core.customer.CustomerMatcher;
import com.bcerp.core.customer.CustomerSettings;
import com.bcerp.core.customer.CustomerSync;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreCustomer;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.payment.PaymentPlan;
import com.bcerp.core.payment.PaymentSync;
import com.bcerp.core.pricelist.PriceListSettings;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.local.runtime.LocalRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the lifecycle demo achieved, read from the systems themselves: for every store order, what the back office
 * holds for it (its sales order, added sales, credits and returns, and payments) against what the store says it is
 * owed now (its total less its refunds; nothing for a cancelled order, whose sales must be cancelled) and was paid.
 *
 * @param mismatchedTotals orders whose back-office sales less credits differ from the store's total less refunds
 * @param mismatchedPayments orders whose payments in the back office differ from what the store's transactions paid
 * @param duplicates       documents or payments beyond one per reference
 * @param notTaken         what the scenario did that the back office cannot take, each naming why (never skipped
 *                         silently): payments where its adapter has no payments port; an order it cannot take
 *                         parks instead, with its reason
 * @param unexplained      failures (parked records, dead letters) the scenario did not cause on purpose
 * @param customersCreated store customers who had not ordered, created in the back office from their webhooks
 * @param customerUpdates  updates of back-office customers applied after store customer changes
 * @param mismatchedCustomers store customers whose back-office customer differs (name, email, phone, address, class)
 * @param invoicesPosted   AR invoices posted for paid orders (invoices.methods), one per order
 * @param invoicesPaid     of those, the ones the order's payments closed at a zero balance
 * @param mismatchedInvoices invoices whose total is not the store order's, or that are still owed
 * @param prices           the price-list part: prices entered and changed in the back office, records the connector
 *                         wrote to the store's list (request log); its mapping is null where it did not run
 * @param priceRecords     records the store's list holds at the end, read through the store's API
 * @param mismatchedPrices back-office prices the store's list does not hold at that price, records it holds that the
 *                         back office has no price for, and a mapped customer group without the list
 */
public record LifecycleReport(
        String backOffice,
        int ordersCreated,
        int erpSalesOrders,
        Map<String, Integer> documents,
        LifecycleScenario.Actions actions,
        int paymentsPosted,
        int duplicates,
        int missing,
        int mismatchedTotals,
        int mismatchedPayments,
        List<String> mismatches,
        List<String> notTaken,
        int failed,
        int unexplained,
        int deadLettered,
        List<ParkedRecord> parked,
        Set<String> expectedParked,
        double bcCallsPerOrder,
        double erpCallsPerOrder,
        long webhookDeliveries,
        long elapsedMs,
        int customersCreated,
        int customerUpdates,
        int mismatchedCustomers,
        int invoicesPosted,
        int invoicesPaid,
        int mismatchedInvoices,
        LifecyclePrices.Pushed prices,
        int priceRecords,
        int mismatchedPrices) {

    public static LifecycleReport measure(LocalRuntime runtime, List<LifecycleScenario.Placed> placed,
            List<LifecycleScenario.StoreCustomer> storeCustomers, LifecycleScenario.Actions actions,
            Set<String> expectedParked, LifecyclePrices.Pushed prices, DemoReport.Baseline baseline, long elapsedMs) {
        // the connector's calls, before the checker's own reads below add to the back office's count
        long bcCalls = runtime.bigcommerce().calls().total(runtime.bigcommerce().connectorAccessToken()) - baseline.bcCalls();
        long erpCalls = runtime.primary().calls() - baseline.erpCalls();
        String store = runtime.bigcommerce().storeHash();
        BigCommerceStorefront storefront = BigCommerceStorefront.create(new BigCommerceSettings(
                URI.create(runtime.bigcommerce().baseUrl()), store, runtime.bigcommerce().adminAccessToken()));
        BackOfficeBooks books = BackOfficeBooks.of(runtime.primary());
        List<BackOfficeBooks.Document> documents = books.documents();
        List<BackOfficeBooks.Payment> payments = books.payments();
        Map<String, Integer> byRef = new HashMap<>();
        documents.forEach(d -> byRef.merge(d.externalRef(), 1, Integer::sum));
        payments.forEach(p -> byRef.merge(p.externalRef(), 1, Integer::sum));
        // an invoice carries its order's reference, like the sales order: counted apart
        List<BackOfficeBooks.Invoice> invoices = books.invoices();
        invoices.forEach(i -> byRef.merge("invoice " + i.externalRef(), 1, Integer::sum));
        int duplicates = byRef.values().stream().mapToInt(n -> n - 1).sum();
        int invoicesPosted = 0;
        int invoicesPaid = 0;
        int mismatchedInvoices = 0;

        Map<String, Integer> kinds = new LinkedHashMap<>();
        int present = 0;
        int missing = 0;
        List<String> mismatches = new ArrayList<>();
        List<String> notTaken = new ArrayList<>();
        int mismatchedTotals = 0;
        int mismatchedPayments = 0;
        int unpostedPayments = 0;
        for (LifecycleScenario.Placed order : placed) {
            String ref = SalesOrderMapper.externalRef(store, order.id());
            List<BackOfficeBooks.Document> mine = documents.stream().filter(d -> belongsTo(d, ref)).toList();
            mine.forEach(d -> kinds.merge(kind(d, ref), 1, Integer::sum));
            boolean meantToPark = expectedParked.stream().anyMatch(k -> k.endsWith("#" + order.id()) && k.startsWith("order#"));
            if (mine.stream().noneMatch(d -> ref.equals(d.externalRef()))) {
                if (!meantToPark) {
                    missing++;
                }
                continue;
            }
            present++;
            StoreOrder now = storefront.order(order.id()).orElseThrow();
            for (BackOfficeBooks.Invoice invoice : invoices.stream().filter(i -> ref.equals(i.externalRef())).toList()) {
                invoicesPosted++;
                boolean paid = invoice.balance().signum() == 0;
                invoicesPaid += paid ? 1 : 0;
                if (!paid || invoice.total().compareTo(now.totalIncTax().toCents().amount()) != 0) {
                    mismatchedInvoices++;
                    mismatches.add(order.shape() + " (order " + order.id() + "): invoice "
                            + invoice.id() + " totals " + invoice.total().toPlainString()
                            + " and owes " + invoice.balance().toPlainString() + ", the store's total is "
                            + now.totalIncTax().toCents());
                }
            }
            String owed = owedCheck(now, mine, storefront);
            if (owed != null) {
                mismatchedTotals++;
                mismatches.add(order.shape() + " (order " + order.id() + "): " + owed);
            }
            if (!books.takesPayments()) {
                unpostedPayments += PaymentPlan.of(storefront.transactions(order.id())).isEmpty() ? 0 : 1;
            } else if (!expectedParked.contains(PaymentSync.recordKey(store, order.id()))) {
                String paid = paymentCheck(order.id(), payments, storefront, PaymentSync.externalRefPrefix(store, order.id()));
                if (paid != null) {
                    mismatchedPayments++;
                    mismatches.add(order.shape() + " (order " + order.id() + "): " + paid);
                }
            }
        }
        if (unpostedPayments > 0) {
            notTaken.add("payments of " + unpostedPayments + " orders: the " + books.type() + " adapter has no "
                    + "payments port, so payments.enabled is off and no transaction reaches the back office");
        }
        int customersCreated = 0;
        int customerUpdates = 0;
        int mismatchedCustomers = 0;
        List<BackOfficeBooks.Customer> erpCustomers = books.customers();
        for (LifecycleScenario.StoreCustomer c : storeCustomers) {
            List<Outcome> outcomes = runtime.worker().state().history(CustomerSync.recordKey(store, c.id())).stream()
                    .map(AuditRecord::outcome).toList();
            customersCreated += (int) outcomes.stream().filter(o -> o == Outcome.CREATED).count();
            customerUpdates += (int) outcomes.stream().filter(o -> o == Outcome.UPDATED).count();
            String differs = customerCheck(storefront.customer(c.id()).orElseThrow(), erpCustomers, store,
                    runtime.config().customers());
            if (differs != null) {
                mismatchedCustomers++;
                mismatches.add("customer " + c.id() + ": " + differs);
            }
        }
        int priceRecords = 0;
        int mismatchedPrices = 0;
        // prices start in the back office: where the part did not run, nothing the scenario did went untaken
        if (prices.mapping() != null) {
            BigCommerceClient admin = BigCommerceClient.create(new BigCommerceSettings(
                    URI.create(runtime.bigcommerce().baseUrl()), store, runtime.bigcommerce().adminAccessToken()));
            Map<String, BigDecimal> inStore = storePriceList(admin, prices.mapping());
            priceRecords = inStore.size();
            List<String> differ = priceCheck(inStore, books.prices(prices.mapping().priceClass()));
            String group = groupCheck(admin, prices.mapping());
            if (group != null) {
                differ = new ArrayList<>(differ);
                differ.add(group);
            }
            mismatchedPrices = differ.size();
            differ.forEach(d -> mismatches.add("price list " + prices.mapping().storePriceList() + ": " + d));
        }
        List<ParkedRecord> parked = runtime.worker().state().parked();
        int deadLettered = runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl());
        int unexplained = (int) parked.stream().filter(p -> !expectedParked.contains(p.recordKey())).count() + deadLettered;
        int n = Math.max(1, placed.size());
        return new LifecycleReport(books.type(), placed.size(), present, kinds, actions, (int) payments.stream()
                .filter(p -> !p.voided()).count(), duplicates, missing,
                mismatchedTotals, mismatchedPayments, mismatches, notTaken, parked.size() + deadLettered, unexplained,
                deadLettered, parked, expectedParked, Math.round(bcCalls * 100.0 / n) / 100.0,
                Math.round(erpCalls * 100.0 / n) / 100.0, runtime.bigcommerce().deliveries().successes(), elapsedMs,
                customersCreated, customerUpdates, mismatchedCustomers, invoicesPosted, invoicesPaid, mismatchedInvoices,
                prices, priceRecords, mismatchedPrices);
    }

    /** The store's list as an outside client reads it: "SKU/CURRENCY" to price; empty when the store has no such list. */
    private static Map<String, BigDecimal> storePriceList(BigCommerceClient admin, PriceListSettings.Mapping mapping) {
        Map<String, BigDecimal> out = new TreeMap<>();
        JsonNode lists = get(admin, "/v3/pricelists?name=" + URLEncoder.encode(mapping.storePriceList(),
                StandardCharsets.UTF_8)).path("data");
        if (lists.isEmpty()) {
            return out;
        }
        long id = lists.get(0).path("id").asLong();
        for (int page = 1; ; page++) {
            JsonNode answer = get(admin, "/v3/pricelists/" + id + "/records?include=sku&limit=250&page=" + page);
            answer.path("data").forEach(r -> out.put(r.path("sku").asText() + "/"
                    + r.path("currency").asText().toUpperCase(Locale.ROOT), r.path("price").decimalValue()));
            if (page >= answer.at("/meta/pagination/total_pages").asInt(1)) {
                return out;
            }
        }
    }

    /** Each back-office price the store's list lacks or holds at another price, and each record it should not hold. */
    private static List<String> priceCheck(Map<String, BigDecimal> inStore, Map<String, BigDecimal> inBackOffice) {
        List<String> differ = new ArrayList<>();
        Map<String, BigDecimal> store = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        store.putAll(inStore);
        Map<String, BigDecimal> erp = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        erp.putAll(inBackOffice);
        erp.forEach((key, price) -> {
            BigDecimal held = store.get(key);
            if (held == null || held.compareTo(price) != 0) {
                differ.add(key + " is " + price.toPlainString() + " in the back office, "
                        + (held == null ? "missing" : held.toPlainString()) + " in the store");
            }
        });
        store.keySet().stream().filter(key -> !erp.containsKey(key))
                .forEach(key -> differ.add(key + " is in the store's list but the back office has no price for it"));
        return differ;
    }

    /** Null when the mapped customer group (if any) has the list as its one discount rule. */
    private static String groupCheck(BigCommerceClient admin, PriceListSettings.Mapping mapping) {
        if (mapping.customerGroup() == null) {
            return null;
        }
        JsonNode lists = get(admin, "/v3/pricelists?name=" + URLEncoder.encode(mapping.storePriceList(),
                StandardCharsets.UTF_8)).path("data");
        JsonNode groups = get(admin, "/v2/customer_groups?name=" + URLEncoder.encode(mapping.customerGroup(),
                StandardCharsets.UTF_8));
        JsonNode rules = groups.path(0).path("discount_rules");
        boolean uses = !lists.isEmpty() && rules.size() == 1 && "price_list".equals(rules.get(0).path("type").asText())
                && rules.get(0).path("price_list_id").asLong() == lists.get(0).path("id").asLong();
        return uses ? null : "customer group " + mapping.customerGroup() + " has discount rules " + rules
                + ", not the list alone";
    }

    private static JsonNode get(BigCommerceClient admin, String path) {
        return BigCommerceClient.expect(admin.get(path), "GET " + path, Set.of(200)).json();
    }

    /** Null when exactly one back-office customer carries the store customer's id and agrees with it. */
    private static String customerCheck(StoreCustomer customer, List<BackOfficeBooks.Customer> erpCustomers,
            String store, CustomerSettings settings) {
        String ref = CustomerMatcher.externalRef(store, customer.id());
        List<BackOfficeBooks.Customer> mine = erpCustomers.stream().filter(c -> ref.equals(c.storeRef())).toList();
        if (mine.size() != 1) {
            return mine.size() + " back-office customers carry " + ref;
        }
        BackOfficeBooks.Customer erp = mine.get(0);
        String address = customer.addresses().isEmpty() ? "" : customer.addresses().get(0).street1();
        String expectedClass = settings.customerClass(customer.customerGroupId());
        Map<String, String[]> fields = new LinkedHashMap<>();
        fields.put("name", new String[] {customer.asBuyer().displayName(), erp.name()});
        fields.put("email", new String[] {customer.email(), erp.email()});
        fields.put("phone", new String[] {customer.phone(), erp.phone()});
        fields.put("address line 1", new String[] {address, erp.address1()});
        if (expectedClass != null) {
            fields.put("class", new String[] {expectedClass, erp.customerClass()});
        }
        List<String> differs = fields.entrySet().stream().filter(f -> !f.getValue()[0].equals(f.getValue()[1]))
                .map(f -> f.getKey() + " '" + f.getValue()[1] + "', store '" + f.getValue()[0] + "'").toList();
        return differs.isEmpty() ? null : erp.id() + ": " + String.join("; ", differs);
    }

    private static boolean belongsTo(BackOfficeBooks.Document document, String ref) {
        String external = document.externalRef();
        return external != null && (external.equals(ref) || external.startsWith(ref + "-"));
    }

    private static String kind(BackOfficeBooks.Document document, String ref) {
        boolean edit = document.externalRef().startsWith(ref + "-E");
        return switch (document.kind()) {
            case SALE -> edit ? "added_sales" : "sales_orders";
            case RETURN -> "returns";
            case CREDIT -> edit ? "edit_credits" : "refund_credits";
        } + (document.cancelled() ? "_cancelled" : "");
    }

    /** Null when the back office is owed what the store says; otherwise what differs. */
    private static String owedCheck(StoreOrder order, List<BackOfficeBooks.Document> documents,
            BigCommerceStorefront storefront) {
        if (order.statusId() == 5) {
            long open = documents.stream().filter(d -> d.kind() == BackOfficeBooks.Kind.SALE && !d.cancelled()).count();
            return open == 0 ? null : open + " sale(s) not cancelled after the store cancelled the order";
        }
        BigDecimal net = BigDecimal.ZERO;
        for (BackOfficeBooks.Document d : documents) {
            if (!d.cancelled()) {
                net = d.kind() == BackOfficeBooks.Kind.SALE ? net.add(d.total()) : net.subtract(d.total());
            }
        }
        Money refunded = storefront.refunds(order).stream().map(r -> r.totalAmount())
                .reduce(Money.zero(order.currency()), Money::plus);
        BigDecimal owed = order.totalIncTax().toCents().minus(refunded).amount();
        return net.compareTo(owed) == 0 ? null : "back office " + net + " " + order.currency() + ", store " + owed
                + " (total less refunds)";
    }

    /** Null when the back office's payments are what the store's transactions paid (voided ones aside). */
    private static String paymentCheck(long orderId, List<BackOfficeBooks.Payment> payments,
            BigCommerceStorefront storefront, String prefix) {
        BigDecimal paid = PaymentPlan.of(storefront.transactions(orderId)).stream()
                .filter(p -> p.stage() != PaymentPlan.Stage.VOIDED).map(p -> p.amount().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        BigDecimal posted = payments.stream().filter(p -> p.externalRef() != null && p.externalRef().startsWith(prefix))
                .filter(p -> !p.voided()).map(BackOfficeBooks.Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return paid.compareTo(posted) == 0 ? null : "payments " + posted + " in the back office, " + paid + " paid in the store";
    }

    /** No mismatch, no duplicate, nothing missing, and every failure one the scenario caused on purpose. */
    public boolean ok() {
        return ordersCreated > 0 && mismatchedTotals == 0 && mismatchedPayments == 0 && duplicates == 0 && missing == 0
                && unexplained == 0 && mismatchedCustomers == 0 && mismatchedInvoices == 0 && mismatchedPrices == 0;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", "lifecycle");
        json.put("back_office", backOffice);
        json.put("orders_created", ordersCreated);
        json.put("erp_sales_orders", erpSalesOrders);
        json.put("documents", documents);
        json.put("edits", actions.edits());
        json.put("cancellations", actions.cancellations());
        json.put("refunds", actions.refunds());
        json.put("captures", actions.captures());
        json.put("voids", actions.voids());
        json.put("payments_posted", paymentsPosted);
        json.put("invoices_posted", invoicesPosted);
        json.put("invoices_paid", invoicesPaid);
        json.put("mismatched_invoices", mismatchedInvoices);
        json.put("duplicates", duplicates);
        json.put("missing", missing);
        json.put("mismatched_totals", mismatchedTotals);
        json.put("mismatched_payments", mismatchedPayments);
        json.put("customer_changes", actions.customerChanges());
        json.put("customers_created", customersCreated);
        json.put("customer_updates", customerUpdates);
        json.put("mismatched_customers", mismatchedCustomers);
        json.put("prices_entered", prices.pricesEntered());
        json.put("prices_changed", prices.pricesChanged());
        json.put("price_records_pushed", prices.total());
        json.put("price_records_pushed_after_change", prices.afterChange());
        json.put("price_records", priceRecords);
        json.put("mismatched_prices", mismatchedPrices);
        json.put("mismatches", mismatches);
        json.put("not_taken", notTaken);
        json.put("failed", failed);
        json.put("unexplained_failures", unexplained);
        json.put("dead_lettered", deadLettered);
        json.put("parked", parked.stream().map(p -> Map.of("record", p.recordKey(), "reason", p.reason(),
                "expected", expectedParked.contains(p.recordKey()))).toList());
        json.put("bc_calls_per_order", bcCallsPerOrder);
        json.put("erp_calls_per_order", erpCallsPerOrder);
        json.put("webhook_deliveries", webhookDeliveries);
        json.put("elapsed_ms", elapsedMs);
        json.put("ok", ok());
        return json;
    }

    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Orders placed in the store:          %d (every shape)%n", ordersCreated));
        s.append(String.format("Sales orders in %-21s%d%n", backOffice + ":", erpSalesOrders));
        s.append(String.format("Documents:                           %s%n", documents));
        s.append(String.format("Edits, cancellations, refunds:       %d, %d, %d (captures %d, voids %d)%n", actions.edits(),
                actions.cancellations(), actions.refunds(), actions.captures(), actions.voids()));
        s.append(String.format("Payments posted:                     %d%n", paymentsPosted));
        s.append(String.format("Invoices posted, paid, differ:       %d, %d, %d%n", invoicesPosted, invoicesPaid,
                mismatchedInvoices));
        s.append(String.format("Duplicates:                          %d%n", duplicates));
        s.append(String.format("Missing:                             %d%n", missing));
        s.append(String.format("Totals that differ:                  %d%n", mismatchedTotals));
        s.append(String.format("Payments that differ:                %d%n", mismatchedPayments));
        s.append(String.format("Store customer changes:              %d (created %d, updates applied %d, differ %d)%n",
                actions.customerChanges(), customersCreated, customerUpdates, mismatchedCustomers));
        s.append(prices.mapping() == null ? "Price lists:                         not run: " + prices.notRun()
                + System.lineSeparator() : String.format("Price-list records pushed:           %d (%d after %d price "
                + "change), %d in the list, differ %d%n", prices.total(), prices.afterChange(), prices.pricesChanged(),
                priceRecords, mismatchedPrices));
        mismatches.forEach(m -> s.append("  ").append(m).append(System.lineSeparator()));
        notTaken.forEach(m -> s.append("  not taken: ").append(m).append(System.lineSeparator()));
        s.append(String.format("Failed (parked or dead-lettered):    %d, unexplained %d%n", failed, unexplained));
        for (ParkedRecord p : parked) {
            s.append(String.format("  parked %s%s: %s%n", p.recordKey(), expectedParked.contains(p.recordKey())
                    ? " (on purpose)" : "", p.reason()));
        }
        s.append(String.format("BigCommerce calls per order:         %.2f%n", bcCallsPerOrder));
        s.append(String.format("Back-office calls per order:         %.2f%n", erpCallsPerOrder));
        s.append(String.format("Elapsed:                             %.1f s%n", elapsedMs / 1000.0));
        s.append(ok() ? "Result: the back office agrees with the store on every order.%n".formatted()
                : "Result: the back office does NOT agree with the store.%n".formatted());
        return s.toString();
    }
}
