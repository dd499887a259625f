package com.bcerp.visma;

import static com.bcerp.visma.VismaDto.nested;
import static com.bcerp.visma.VismaDto.text;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.port.Customers;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visma customers behind core's customers port (erp-apis.md §10.1.2): found by {@code GET /v1/customer?email=} (the
 * main contact's e-mail) or by the store's customer id in a customer attribute ({@code attributes={"BCID":"..."}});
 * created by {@code POST /v1/customer} with the main, invoice and delivery addresses and contacts (each nested DTO
 * wrapped twice) and the attribute line, numbered by Visma's series (the number is the {@code Location}'s end). A
 * create whose answer was lost is found by core's look-up (e-mail, attribute) before it creates again.
 */
final class VismaCustomers implements Customers {

    private static final Logger log = LoggerFactory.getLogger(VismaCustomers.class);

    private final VismaSettings settings;
    private final VismaApi api;

    VismaCustomers(VismaSettings settings, VismaApi api) {
        this.settings = settings;
        this.api = api;
    }

    @Override
    public Optional<String> findCustomerByEmail(String email) {
        return first(api.page("/v1/customer", "email=" + VismaApi.encode(email), 1, 10, "customer look-up by email"));
    }

    @Override
    public Optional<String> findCustomerByExternalRef(String externalRef) {
        ObjectNode attributes = VismaDto.object().put(settings.customerRefAttribute(), externalRef);
        return first(api.page("/v1/customer", "attributes=" + VismaApi.encode(attributes.toString()), 1, 10,
                "customer look-up by attribute " + settings.customerRefAttribute()));
    }

    @Override
    public boolean customerExists(String customerId) {
        return api.one("/v1/customer/" + VismaApi.encode(customerId), "customer " + customerId).isPresent();
    }

    @Override
    public String createCustomer(CustomerDraft customer) {
        ApiResponse response = api.create("/v1/customer", dto(customer));
        if (!response.isSuccess()) {
            throw VismaFailures.of(response, "customer " + describe(customer), null);
        }
        String number = VismaApi.created(response, "customer " + describe(customer));
        log.info("created Visma customer {} for {}", number, describe(customer));
        return number;
    }

    /**
     * {@code PUT /v1/customer/{number}} (204) with the name, classes, addresses and contacts; the status and the
     * store-id attribute are left as they are.
     */
    @Override
    public void updateCustomer(String customerId, CustomerDraft customer) {
        ObjectNode dto = dto(customer);
        dto.remove(List.of("status", "attributeLines"));
        ApiResponse response = api.put("/v1/customer/" + VismaApi.encode(customerId), dto);
        if (!response.isSuccess()) {
            throw VismaFailures.of(response, "customer " + customerId + " (" + describe(customer) + ")", null);
        }
        log.info("updated Visma customer {} for {}", customerId, describe(customer));
    }

    /** B2B: the company is the customer's name and the buyer its contact. */
    ObjectNode dto(CustomerDraft customer) {
        ObjectNode dto = VismaDto.object();
        boolean company = customer.company() != null && !customer.company().isBlank();
        text(dto, "name", company ? customer.company() : customer.name());
        text(dto, "status", "Active");
        text(dto, "customerClassId", customer.customerClass());
        text(dto, "priceClassId", customer.priceClass());
        Address billing = customer.billing();
        Address shipping = customer.shipping() != null ? customer.shipping() : billing;
        ObjectNode contact = contact(customer.name(), customer.email(), customer.phone());
        nested(dto, "mainAddress", address(billing));
        nested(dto, "mainContact", contact);
        nested(dto, "invoiceAddress", address(billing));
        nested(dto, "invoiceContact", contact.deepCopy());
        nested(dto, "deliveryAddress", address(shipping));
        if (shipping != null) {
            nested(dto, "deliveryContact", contact(shipping.fullName(),
                    shipping.email() != null ? shipping.email() : customer.email(), shipping.phone()));
        }
        if (customer.externalRef() != null) {
            ArrayNode lines = dto.putArray("attributeLines");
            ObjectNode line = lines.addObject();
            text(line, "attributeId", settings.customerRefAttribute());
            text(line, "attributeValue", customer.externalRef());
        }
        return dto;
    }

    /** An {@code AddressUpdateDto} (for sales orders, {@code SalesOrderAddressUpdateDto} with the same fields). */
    static ObjectNode address(Address a) {
        if (a == null) {
            return null;
        }
        ObjectNode dto = VismaDto.object();
        text(dto, "addressLine1", a.street1());
        text(dto, "addressLine2", a.street2());
        text(dto, "postalCode", a.postalCode());
        text(dto, "city", a.city());
        text(dto, "countryId", a.countryIso2());
        text(dto, "county", a.state());
        return dto;
    }

    static ObjectNode contact(String name, String email, String phone) {
        ObjectNode dto = VismaDto.object();
        text(dto, "name", name);
        text(dto, "email", email);
        text(dto, "phone1", phone);
        return dto;
    }

    private static Optional<String> first(ArrayNode rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        JsonNode row = rows.get(0);
        String number = VismaDto.read(row, "number");
        if (number == null) {
            throw new PermanentFailure("number", "Visma answered a customer without a number");
        }
        return Optional.of(number);
    }

    private static String describe(CustomerDraft customer) {
        return customer.externalRef() != null ? customer.externalRef() : customer.name();
    }
}
