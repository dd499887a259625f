package com.bcerp.handlers.worker.check;

import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.customer.CustomerMatcher;
import com.bcerp.core.customer.CustomerSettings;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.order.OrderImport;
import com.bcerp.core.order.OrderPolicy;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.Customers;
import com.bcerp.core.port.Storefront;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The documents the last orders would become, mapped by core's own mapper and policy exactly as the order import
 * does, and never sent: the customer each would be matched to or would create (read-only look-ups), the lines,
 * freight, taxes and total against the store's; an order that would park is listed with the field.
 */
final class DryRun {

    private final ConnectorConfig config;
    private final String storeHash;
    private final Storefront store;
    private final CheckReport report;
    private final Map<String, Set<String>> backOfficeItems;

    DryRun(ConnectorConfig config, String storeHash, Storefront store, CheckReport report,
            Map<String, Set<String>> backOfficeItems) {
        this.config = config;
        this.storeHash = storeHash;
        this.store = store;
        this.report = report;
        this.backOfficeItems = backOfficeItems;
    }

    void run(List<StoreOrder> orders, List<BackOffice> takingOrders) {
        for (BackOffice backOffice : takingOrders) {
            SalesOrderMapper mapper = OrderFlows.mapper(backOffice, config);
            OrderPolicy policy = new OrderPolicy(config.orders(), backOffice.importStatuses()
                    .map(s -> config.statuses().withImportStatuses(s)).orElse(config.statuses()));
            // buyers the run has already predicted a new customer for: their next order matches that one
            Map<String, Long> created = new HashMap<>();
            Map<String, Long> outcomes = new LinkedHashMap<>();
            int parked = 0;
            // oldest first, as the connector meets them
            for (StoreOrder order : orders.reversed()) {
                Map<String, Object> doc = predict(order, backOffice, mapper, policy, created);
                report.dryRun(doc);
                outcomes.merge((String) doc.get("outcome"), 1L, Long::sum);
                if ("parks".equals(doc.get("outcome"))) {
                    parked++;
                }
            }
            report.add(new Finding(Preflight.DRY_RUN, parked == 0 ? Finding.Status.PASS : Finding.Status.WARN,
                    backOffice.name() + ": the last " + orders.size() + " orders", "would be: " + outcomes
                            + "; nothing was sent",
                    parked == 0 ? null : "see the orders that would park and the field each names", List.of()));
        }
    }

    private Map<String, Object> predict(StoreOrder order, BackOffice backOffice, SalesOrderMapper mapper,
            OrderPolicy policy, Map<String, Long> created) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("order_id", order.id());
        doc.put("back_office", backOffice.name());
        doc.put("status", order.statusId() + " " + order.status());
        doc.put("store_total", order.totalIncTax().toCents().amount());
        Optional<String> notNow = policy.notImported(order);
        if (notNow.isPresent()) {
            doc.put("outcome", "skipped");
            doc.put("reason", notNow.get());
            return doc;
        }
        try {
            String ref = SalesOrderMapper.externalRef(order.storeHash(), order.id());
            Optional<List<PostedDocument>> existing = backOffice.documents().orElseThrow().findOrderDocuments(ref);
            if (existing.isPresent() && !existing.get().isEmpty()) {
                doc.put("outcome", "exists");
                doc.put("reason", backOffice.name() + " already has " + existing.get().get(0).ref().display()
                        + " for it; nothing would be created");
                return doc;
            }
            List<StoreTax> taxes = mapper.needsTaxDetail(order) ? store.taxes(order) : List.of();
            SalesOrderDraft draft = mapper.toDraft(order, taxes);
            if (backOffice.documents().orElseThrow().shipsGoodsOnly()) {
                return warehouseOrders(doc, order, mapper.warehouseOrders(order, draft), backOffice);
            }
            unknownItem(draft, backOffice);
            doc.put("customer", backOffice.customers().map(c -> customer(order, c, created)).orElse(null));
            doc.put("outcome", "create");
            doc.put("external_ref", draft.externalRef());
            doc.put("lines", draft.lines().stream().map(l -> line(l, backOffice)).toList());
            doc.put("freight", draft.freight().amount());
            doc.put("taxes", draft.taxes().stream().map(DryRun::tax).toList());
            if (draft.branch() != null) {
                doc.put("branch", draft.branch());
            }
            if (draft.shipVia() != null) {
                doc.put("ship_via", draft.shipVia());
            }
            if (draft.paymentMethod() != null) {
                doc.put("payment_method", draft.paymentMethod());
            }
            BigDecimal total = draft.total(backOffice.arithmetic()).amount();
            doc.put("total", total);
            doc.put("difference", total.subtract(order.totalIncTax().toCents().amount()));
        } catch (PermanentFailure refused) {
            doc.put("outcome", "parks");
            doc.put("field", refused.field());
            doc.put("reason", refused.getMessage());
        }
        return doc;
    }

    /** A warehouse's orders, as the import sends them: the physical goods per consignment, no amounts. */
    private Map<String, Object> warehouseOrders(Map<String, Object> doc, StoreOrder order, List<SalesOrderDraft> orders,
            BackOffice backOffice) {
        if (orders.isEmpty()) {
            doc.put("outcome", "skipped");
            doc.put("reason", OrderImport.nothingToShip(order, backOffice.name()));
            return doc;
        }
        orders.forEach(o -> unknownItem(o, backOffice));
        doc.put("outcome", "create");
        doc.put("external_ref", String.join(", ", orders.stream().map(SalesOrderDraft::externalRef).toList()));
        doc.put("lines", orders.stream().flatMap(o -> o.lines().stream()).map(l -> line(l, backOffice)).toList());
        doc.put("note", "physical goods only, one order per consignment: " + backOffice.name()
                + " keeps no prices, charges or totals");
        return doc;
    }

    /** A line naming an item the back office does not have parks when it is sent (checked when its items were read). */
    private void unknownItem(SalesOrderDraft draft, BackOffice backOffice) {
        Set<String> items = backOfficeItems.get(backOffice.name());
        if (items == null) {
            return;
        }
        var orders = config.orders();
        Set<String> charges = Set.of(orders.handlingItem(), orders.wrappingItem(), orders.roundingItem(),
                orders.customProductItem(), orders.giftCertificateItem(), orders.feeItem(), orders.refundItem());
        for (int i = 0; i < draft.lines().size(); i++) {
            DraftLine line = draft.lines().get(i);
            if (!charges.contains(line.itemId()) && !items.contains(line.itemId().toLowerCase(Locale.ROOT))) {
                throw new PermanentFailure("products[" + i + "].sku", draft.externalRef() + ": line " + i + " ("
                        + line.description() + ") names " + line.itemId() + ", which is not an item of "
                        + backOffice.name());
            }
        }
    }

    private Map<String, Object> line(DraftLine line, BackOffice backOffice) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("item", line.itemId());
        json.put("description", line.description());
        json.put("quantity", line.quantity());
        if (!backOffice.documents().orElseThrow().keepsAmounts()) {
            return json;
        }
        json.put("unit_price", line.unitPrice().amount());
        json.put("discount", line.discount() == null ? BigDecimal.ZERO : line.discount().amount());
        json.put("amount", line.amount(backOffice.arithmetic()).amount());
        return json;
    }

    private static Map<String, Object> tax(TaxLine tax) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tax_id", tax.taxId());
        json.put("taxable", tax.taxable().amount());
        json.put("amount", tax.amount().amount());
        return json;
    }

    /** As {@link CustomerMatcher} decides, with its look-ups only (nothing is claimed or created). */
    private Map<String, Object> customer(StoreOrder order, Customers customers, Map<String, Long> created) {
        CustomerSettings settings = config.customers();
        Map<String, Object> json = new LinkedHashMap<>();
        var buyer = order.buyer();
        if (buyer.isGuest() && settings.guestsToGenericCustomer()) {
            json.put("action", "generic");
            json.put("id", settings.genericCustomer());
            return json;
        }
        String externalRef = buyer.isGuest() ? null : CustomerMatcher.externalRef(order.storeHash(),
                buyer.storeCustomerId());
        boolean byExternalId = externalRef != null && settings.matchesByExternalId();
        String email = buyer.email() == null || buyer.email().isBlank() ? order.billingAddress().email() : buyer.email();
        if (email != null && email.isBlank()) {
            email = null;
        }
        if (email == null && !byExternalId) {
            throw new PermanentFailure("billing_address.email",
                    order.describe() + ": no email on the order, so no customer can be matched or created");
        }
        String key = byExternalId ? "ext#" + externalRef : "email#" + email.trim().toLowerCase(Locale.ROOT);
        json.put("key", key);
        Long first = created.get(key);
        if (first != null) {
            json.put("action", "match");
            json.put("created_by_order", first);
            return json;
        }
        Optional<String> found = byExternalId ? customers.findCustomerByExternalRef(externalRef) : Optional.empty();
        if (found.isEmpty() && email != null && (settings.matchesByEmail() || externalRef == null)) {
            found = customers.findCustomerByEmail(email);
        }
        if (found.isPresent()) {
            json.put("action", "match");
            json.put("id", found.get());
        } else {
            json.put("action", "create");
            created.put(key, order.id());
        }
        return json;
    }
}
