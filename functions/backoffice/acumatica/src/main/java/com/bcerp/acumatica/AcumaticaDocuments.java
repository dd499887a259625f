package com.bcerp.acumatica;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Core's drafts as Acumatica contract-based entities (Default endpoint: SalesOrder, Customer, Payment and action
 * bodies): every general field wrapped as
 * {@code {"value": ...}}, fields left out when the draft has nothing for them. Translation only: the lines, prices,
 * discounts, freight and taxes are the draft's; the flags tell Acumatica to keep them (ManualPrice, ManualDiscount,
 * OverrideFreightPrice, IsTaxValid with the store's TaxDetails, DisableAutomaticDiscountUpdate) rather than
 * recalculate, and the Override flags make it keep the store's addresses instead of the customer's.
 */
final class AcumaticaDocuments {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The Payment type of customer payments (AR302000). */
    static final String PAYMENT_TYPE = "Payment";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private AcumaticaDocuments() {}

    /**
     * A new Customer: name, email, class (the draft's, else the configured one), price class, the store's id in
     * AccountRef, main contact with the billing address, billing and shipping.
     */
    static ObjectNode customer(CustomerDraft draft, String customerClass) {
        ObjectNode customer = customerFields(draft);
        put(customer, "CustomerClass", draft.customerClass() != null ? draft.customerClass() : customerClass);
        put(customer, "AccountRef", draft.externalRef());
        if (draft.guest()) {
            put(customer, "IsGuestCustomer", true);
        }
        return customer;
    }

    /**
     * An existing Customer, by its CustomerID, brought to the draft: its AccountRef is left alone (a customer staff
     * made may use it for something else), and its classes change only where the draft names one.
     */
    static ObjectNode customerChange(String customerId, CustomerDraft draft) {
        ObjectNode customer = customerFields(draft);
        put(customer, "CustomerID", customerId);
        put(customer, "CustomerClass", draft.customerClass());
        return customer;
    }

    private static ObjectNode customerFields(CustomerDraft draft) {
        ObjectNode customer = NODES.objectNode();
        put(customer, "CustomerName", draft.name());
        put(customer, "Email", draft.email());
        put(customer, "PriceClassID", draft.priceClass());
        customer.set("MainContact", contact(draft, draft.billing()));
        if (draft.billing() != null) {
            put(customer, "BillingContactOverride", true);
            put(customer, "BillingAddressOverride", true);
            customer.set("BillingContact", contact(draft, draft.billing()));
        }
        if (draft.shipping() != null) {
            put(customer, "ShippingContactOverride", true);
            put(customer, "ShippingAddressOverride", true);
            customer.set("ShippingContact", contact(draft, draft.shipping()));
        }
        return customer;
    }

    /**
     * A SalesOrder (of the draft's order type: a sale, a credit or a return) with every line, the freight, the
     * store's taxes and both addresses; a credit, return or added sale names its original order in
     * FinancialSettings.
     */
    static ObjectNode salesOrder(SalesOrderDraft draft, String orderType) {
        return salesOrder(draft, orderType, null);
    }

    /** @param taxZone the tax zone the order names (so its customer's and branch's do not apply); null for none */
    static ObjectNode salesOrder(SalesOrderDraft draft, String orderType, String taxZone) {
        ObjectNode order = NODES.objectNode();
        put(order, "OrderType", orderType);
        put(order, "CustomerID", draft.customerId());
        put(order, "CustomerOrder", draft.customerOrder());
        put(order, "ExternalRef", draft.externalRef());
        if (draft.date() != null) {
            put(order, "Date", date(draft.date()));
        }
        put(order, "CurrencyID", draft.currency());
        put(order, "CurrencyRate", draft.currencyRate());
        put(order, "Branch", draft.branch());
        put(order, "Description", draft.description());
        put(order, "DisableAutomaticDiscountUpdate", true);
        put(order, "PaymentMethod", draft.paymentMethod());

        ArrayNode details = order.putArray("Details");
        for (DraftLine line : draft.lines()) {
            details.add(line(line));
        }

        ObjectNode shipping = order.putObject("ShippingSettings");
        put(shipping, "ShipVia", draft.shipVia());
        put(shipping, "OverrideFreightPrice", true);
        put(shipping, "FreightPrice", draft.freight() == null ? BigDecimal.ZERO : draft.freight().amount());

        put(order, "IsTaxValid", true);
        ArrayNode taxes = order.putArray("TaxDetails");
        for (TaxLine tax : draft.taxes()) {
            ObjectNode row = taxes.addObject();
            put(row, "TaxID", tax.taxId());
            put(row, "TaxableAmount", amount(tax.taxable()));
            put(row, "TaxAmount", amount(tax.amount()));
            put(row, "TaxRate", tax.rate());
        }

        if (draft.original() != null) {
            ObjectNode financial = order.withObjectProperty("FinancialSettings");
            AcumaticaKeys original = AcumaticaKeys.of(draft.original().id());
            put(financial, "OriginalOrderType", original.type());
            put(financial, "OriginalOrderNbr", original.nbr());
        }
        if (taxZone != null) {
            ObjectNode financial = order.withObjectProperty("FinancialSettings");
            put(financial, "OverrideTaxZone", true);
            put(financial, "CustomerTaxZone", taxZone);
        }

        if (draft.billTo() != null) {
            put(order, "BillToContactOverride", true);
            order.set("BillToContact", documentContact(draft.billTo()));
            put(order, "BillToAddressOverride", true);
            order.set("BillToAddress", address(draft.billTo()));
        }
        if (draft.shipTo() != null) {
            put(order, "ShipToContactOverride", true);
            order.set("ShipToContact", documentContact(draft.shipTo()));
            put(order, "ShipToAddressOverride", true);
            order.set("ShipToAddress", address(draft.shipTo()));
        }
        return order;
    }

    /**
     * A Payment (AR302000) of type Payment applied to its sales order: an authorisation is kept on hold until it is
     * captured; the gateway's transaction id is the payment reference.
     */
    static ObjectNode payment(PaymentDraft draft) {
        ObjectNode payment = NODES.objectNode();
        put(payment, "Type", PAYMENT_TYPE);
        put(payment, "CustomerID", draft.customerId());
        put(payment, "PaymentMethod", draft.paymentMethod());
        put(payment, "CashAccount", draft.cashAccount());
        put(payment, "CurrencyID", draft.amount().currency());
        put(payment, "PaymentAmount", draft.amount().amount());
        put(payment, "ApplicationDate", date(draft.date()));
        put(payment, "PaymentRef", draft.paymentRef());
        put(payment, "ExternalRef", draft.externalRef());
        put(payment, "Branch", draft.branch());
        put(payment, "Description", draft.description());
        put(payment, "Hold", draft.onHold());
        ObjectNode application = payment.putArray("OrdersToApply").addObject();
        AcumaticaKeys order = AcumaticaKeys.of(draft.appliesTo().id());
        put(application, "OrderType", order.type());
        put(application, "OrderNbr", order.nbr());
        put(application, "AppliedToOrder", draft.amount().amount());
        return payment;
    }

    /**
     * An existing payment brought to the draft's amount and hold state: its keys, and its application to the order
     * by the row's id (a row without an id would be added, not changed).
     */
    static ObjectNode paymentChange(PostedPayment existing, PaymentDraft draft, String applicationRowId) {
        ObjectNode payment = NODES.objectNode();
        AcumaticaKeys keys = AcumaticaKeys.of(existing.id());
        put(payment, "Type", keys.type());
        put(payment, "ReferenceNbr", keys.nbr());
        put(payment, "PaymentAmount", draft.amount().amount());
        put(payment, "Hold", draft.onHold());
        if (applicationRowId != null) {
            ObjectNode application = payment.putArray("OrdersToApply").addObject();
            application.put("id", applicationRowId);
            put(application, "AppliedToOrder", draft.amount().amount());
        }
        return payment;
    }

    /**
     * A SalesInvoice (SO303000) entered from a draft: an SO invoice of the store order's lines (type Invoice) or a
     * credit memo whose lines name the invoice they credit; freight and the store's taxes as on the sales order.
     *
     * @param original the invoice a credit memo credits; null for an invoice
     */
    static ObjectNode salesInvoice(SalesOrderDraft draft, String type, AcumaticaKeys original) {
        ObjectNode invoice = NODES.objectNode();
        put(invoice, "Type", type);
        put(invoice, "CustomerID", draft.customerId());
        put(invoice, "CustomerOrder", draft.customerOrder());
        put(invoice, "ExternalRef", draft.externalRef());
        if (draft.date() != null) {
            put(invoice, "Date", date(draft.date()));
        }
        put(invoice, "Currency", draft.currency());
        put(invoice, "Description", draft.description());
        ArrayNode details = invoice.putArray("Details");
        for (DraftLine line : draft.lines()) {
            ObjectNode row = details.addObject();
            put(row, "InventoryID", line.itemId());
            put(row, "TransactionDescr", line.description());
            put(row, "Qty", line.quantity());
            put(row, "UnitPrice", amount(line.unitPrice()));
            put(row, "ManualPrice", true);
            put(row, "DiscountAmount", line.discount() == null ? BigDecimal.ZERO : line.discount().amount());
            put(row, "ManualDiscount", true);
            put(row, "ExternalRef", line.storeLineRef());
            if (original != null) {
                put(row, "OrigInvType", original.type());
                put(row, "OrigInvNbr", original.nbr());
            }
        }
        put(invoice, "FreightPrice", draft.freight() == null ? BigDecimal.ZERO : draft.freight().amount());
        put(invoice, "IsTaxValid", true);
        ArrayNode taxes = invoice.putArray("TaxDetails");
        for (TaxLine tax : draft.taxes()) {
            ObjectNode row = taxes.addObject();
            put(row, "TaxID", tax.taxId());
            put(row, "TaxableAmount", amount(tax.taxable()));
            put(row, "TaxAmount", amount(tax.amount()));
        }
        return invoice;
    }

    /** An existing record's keys and one more field, for an update-only PUT. */
    static ObjectNode keysAnd(String typeField, AcumaticaKeys keys, String nbrField, String field, String value) {
        ObjectNode entity = NODES.objectNode();
        put(entity, typeField, keys.type());
        put(entity, nbrField, keys.nbr());
        put(entity, field, value);
        return entity;
    }

    /** A payment's application to a document (Documents to Apply), added to the payment by its keys. */
    static ObjectNode paymentApplication(AcumaticaKeys payment, AcumaticaKeys document, Money amount) {
        ObjectNode entity = NODES.objectNode();
        put(entity, "Type", payment.type());
        put(entity, "ReferenceNbr", payment.nbr());
        ObjectNode row = entity.putArray("DocumentsToApply").addObject();
        put(row, "DocType", document.type());
        put(row, "ReferenceNbr", document.nbr());
        put(row, "AmountPaid", amount.amount());
        return entity;
    }

    /** The body of an action on one record: {@code {"entity": {keys}}}. */
    static ObjectNode action(String... keyValuePairs) {
        ObjectNode body = NODES.objectNode();
        ObjectNode entity = body.putObject("entity");
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            put(entity, keyValuePairs[i], keyValuePairs[i + 1]);
        }
        return body;
    }

    private static String date(java.time.LocalDate date) {
        return DATE.format(date.atStartOfDay().atOffset(ZoneOffset.UTC));
    }

    private static ObjectNode line(DraftLine line) {
        ObjectNode row = NODES.objectNode();
        put(row, "InventoryID", line.itemId());
        put(row, "LineDescription", line.description());
        put(row, "OrderQty", line.quantity());
        if (line.unit() != null) {
            put(row, "UOM", line.unit()); // otherwise the item's sales unit
        }
        put(row, "UnitPrice", amount(line.unitPrice()));
        put(row, "ManualPrice", true);
        put(row, "DiscountAmount", line.discount() == null ? BigDecimal.ZERO : line.discount().amount());
        put(row, "ManualDiscount", true);
        put(row, "ExternalRef", line.storeLineRef());
        return row;
    }

    /** A Contact (customer side): who, how to reach them, and the address. */
    private static ObjectNode contact(CustomerDraft draft, Address address) {
        ObjectNode contact = NODES.objectNode();
        String name = address != null && !address.fullName().isEmpty() ? address.fullName() : draft.name();
        put(contact, "Attention", name);
        put(contact, "CompanyName", address != null && address.company() != null ? address.company() : draft.company());
        put(contact, "Email", address != null && address.email() != null ? address.email() : draft.email());
        put(contact, "Phone1", address != null && address.phone() != null ? address.phone() : draft.phone());
        if (address != null) {
            put(contact, "FirstName", address.firstName());
            put(contact, "LastName", address.lastName());
            contact.set("Address", address(address));
        }
        return contact;
    }

    /** A DocContact (document side: BillToContact, ShipToContact). */
    private static ObjectNode documentContact(Address address) {
        ObjectNode contact = NODES.objectNode();
        put(contact, "Attention", address.fullName().isEmpty() ? null : address.fullName());
        put(contact, "BusinessName", address.company());
        put(contact, "Email", address.email());
        put(contact, "Phone1", address.phone());
        return contact;
    }

    private static ObjectNode address(Address address) {
        ObjectNode node = NODES.objectNode();
        put(node, "AddressLine1", address.street1());
        put(node, "AddressLine2", address.street2());
        put(node, "City", address.city());
        put(node, "State", address.state());
        put(node, "PostalCode", address.postalCode());
        put(node, "Country", address.countryIso2());
        return node;
    }

    private static BigDecimal amount(Money money) {
        return money == null ? null : money.amount();
    }

    private static void put(ObjectNode entity, String field, String value) {
        if (value != null && !value.isBlank()) {
            entity.putObject(field).put("value", value);
        }
    }

    private static void put(ObjectNode entity, String field, BigDecimal value) {
        if (value != null) {
            entity.putObject(field).put("value", value);
        }
    }

    private static void put(ObjectNode entity, String field, boolean value) {
        entity.putObject(field).put("value", value);
    }
}
