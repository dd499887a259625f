package com.bcerp.uniconta;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.port.Customers;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uniconta's debtors ({@code DebtorClient}) behind core's customers port: found by {@code ContactEmail} or by the
 * store's customer id in a user field ({@code DebtorClientUser}), created with their delivery address. Uniconta has
 * no number series for accounts on the API (guess, §10.2.3), so the account is the prefix and a hash of the e-mail
 * (or the store's id): the same buyer always gets the same account, and an insert whose answer was lost is found
 * again by its key ({@code KeyExists}) instead of making a second debtor.
 */
final class UnicontaCustomers implements Customers {

    private static final Logger log = LoggerFactory.getLogger(UnicontaCustomers.class);
    /** Prefix plus 10 hex digits stays under Uniconta's account length (guess: 20 characters). */
    private static final int HASH_DIGITS = 10;

    private final UnicontaSettings settings;
    private final UnicontaApi api;

    UnicontaCustomers(UnicontaSettings settings, UnicontaApi api) {
        this.settings = settings;
        this.api = api;
    }

    /** Exact match: the Entities filter compares text as it is (the sandbox's guess: case included). */
    @Override
    public Optional<String> findCustomerByEmail(String email) {
        return first(api.read("DebtorClient", "ContactEmail", email, "customer look-up by ContactEmail"));
    }

    @Override
    public Optional<String> findCustomerByExternalRef(String externalRef) {
        return first(api.read("DebtorClientUser", settings.customerRefField(), externalRef,
                "customer look-up by " + settings.customerRefField()));
    }

    @Override
    public boolean customerExists(String customerId) {
        return !api.read("DebtorClient", "Account", customerId, "debtor " + customerId).isEmpty();
    }

    @Override
    public String createCustomer(CustomerDraft customer) {
        String account = account(customer);
        ObjectNode row = row(customer, account);
        String entity = customer.externalRef() != null ? "DebtorClientUser" : "DebtorClient";
        ApiResponse response = api.insert(entity, row);
        if (!response.isSuccess()) {
            if ("KeyExists".equals(UnicontaFailures.code(response)) && sameBuyer(account, customer)) {
                log.info("Uniconta debtor {} exists already for {} (an earlier answer was lost)", account, describe(customer));
                return account;
            }
            throw UnicontaFailures.of(response, "customer " + describe(customer), "customer");
        }
        log.info("created Uniconta debtor {} for {}", account, describe(customer));
        return account;
    }

    /**
     * Uniconta's Update replaces the whole row, so the debtor is read and the draft's fields laid over it (on
     * {@code DebtorClient}, which leaves the user fields, the store's id among them, as they are). A draft without a
     * class (an order's buyer) leaves the debtor's group as it is.
     */
    @Override
    public void updateCustomer(String customerId, CustomerDraft customer) {
        ArrayNode rows = api.read("DebtorClient", "Account", customerId, "customer " + customerId);
        if (rows.isEmpty()) {
            throw new PermanentFailure("Account", "Uniconta has no debtor " + customerId + " to update (deleted there?)");
        }
        ObjectNode row = (ObjectNode) rows.get(0);
        ObjectNode change = row(customer, customerId);
        change.remove(settings.customerRefField());
        row.setAll(change);
        ApiResponse response = api.update("DebtorClient", row);
        if (!response.isSuccess()) {
            throw UnicontaFailures.of(response, "customer " + customerId + " (" + describe(customer) + ")", "customer");
        }
        log.info("updated Uniconta debtor {} for {}", customerId, describe(customer));
    }

    private boolean sameBuyer(String account, CustomerDraft customer) {
        ArrayNode rows = api.read("DebtorClient", "Account", account, "customer " + account);
        return !rows.isEmpty() && java.util.Objects.equals(text(rows.get(0), "ContactEmail"), customer.email());
    }

    /** B2B: the company is the debtor's name and the buyer its contact person. */
    ObjectNode row(CustomerDraft customer, String account) {
        ObjectNode row = JsonSupport.MAPPER.createObjectNode();
        row.put("Account", account);
        boolean company = customer.company() != null && !customer.company().isBlank();
        row.put("Name", company ? customer.company() : customer.name());
        if (company) {
            row.put("ContactPerson", customer.name());
        }
        put(row, "ContactEmail", customer.email());
        put(row, "Phone", customer.phone());
        // the class customers.group_classes maps the store's customer group to is a debtor group (DebtorClient.Group,
        // §10.2); whether Uniconta refuses a group the company lacks is UNCONFIRMED (the sandbox keeps no group table)
        put(row, "Group", customer.customerClass());
        Address billing = customer.billing();
        if (billing != null) {
            put(row, "Address1", billing.street1());
            put(row, "Address2", billing.street2());
            put(row, "ZipCode", billing.postalCode());
            put(row, "City", billing.city());
            // guess: Country as the ISO code text (whether REST takes enum names or numbers is UNCONFIRMED, §10.2.3)
            put(row, "Country", billing.countryIso2());
        }
        Address shipping = customer.shipping();
        if (shipping != null) {
            UnicontaOrders.delivery(row, shipping);
        }
        if (customer.externalRef() != null) {
            row.put(settings.customerRefField(), customer.externalRef());
        }
        return row;
    }

    String account(CustomerDraft customer) {
        String key = customer.email() != null ? customer.email().toLowerCase(Locale.ROOT)
                : customer.externalRef() != null ? customer.externalRef() : customer.name();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return settings.accountPrefix() + HexFormat.of().withUpperCase().formatHex(hash).substring(0, HASH_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Optional<String> first(ArrayNode rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String account = text(rows.get(0), "Account");
        if (account == null) {
            throw new PermanentFailure("Account", "Uniconta answered a debtor without an Account");
        }
        return Optional.of(account);
    }

    static void put(ObjectNode row, String field, String value) {
        if (value != null && !value.isBlank()) {
            row.put(field, value);
        }
    }

    static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static String describe(CustomerDraft customer) {
        return customer.externalRef() != null ? customer.externalRef() : customer.name();
    }
}
