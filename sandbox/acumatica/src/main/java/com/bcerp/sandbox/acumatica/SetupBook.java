package com.bcerp.sandbox.acumatica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The company's setup records that orders, payments and customers name, as their screens list them: taxes (TX205000),
 * payment methods with the cash accounts each allows (CA204000), ship-vias (CS207500, keyed {@code CarrierID}),
 * customer classes (AR201000), customer price classes (AR208000), and the Company Branch inquiry (CS401000,
 * {@code CompaniesStructure}: a PUT of an empty form with {@code $expand=Results}, one row per branch). Read-only
 * here: a merchant keeps them on those screens. The documents' own checks accept the codes listed here (payment
 * methods, cash accounts and branches are defined here; tax ids and customer classes where the documents that name
 * them are), so a listing and a refusal never disagree; they match
 * what the example and demo configs map. Descriptions and the other fields are this sandbox company's, not
 * Acumatica's.
 */
final class SetupBook {

    static final EntityShapes.Shape TAX = EntityShapes.get("Tax");
    static final EntityShapes.Shape PAYMENT_METHOD = EntityShapes.get("PaymentMethod");
    static final EntityShapes.Shape SHIP_VIA = EntityShapes.get("ShipVia");
    static final EntityShapes.Shape CUSTOMER_CLASS = EntityShapes.get("CustomerClass");
    static final EntityShapes.Shape PRICE_CLASS = EntityShapes.get("CustomerPriceClass");
    static final EntityShapes.Shape COMPANIES = EntityShapes.get("CompaniesStructure");

    /** The ship-vias: the store's flat rate, and the carriers the fulfilment sync maps by default. */
    static final Set<String> SHIP_VIAS = Set.of("FLATRATE", "FREESHIP", "UPSGROUND", "FEDEX2DAY", "USPS", "DHL");
    static final Set<String> PRICE_CLASSES = Set.of("RETAIL", "TRADE", "WHOLESALE");

    /** Payment method -> the cash accounts it allows; every cash account is some method's. */
    static final Map<String, List<String>> METHOD_ACCOUNTS = Map.of(
            "CARD", List.of("10200", "10250"), "CARD-EUR", List.of("10210"), "CREDITCARD", List.of("10200"),
            "CASH", List.of("10300"), "CHECK", List.of("10200"), "WIRE", List.of("10200"), "PAYPAL", List.of("10250"),
            "GIFTCERT", List.of("24000"), "STORECREDIT", List.of("24000"));

    /** Branch -> its company; the ones US-WEST and EU route to, and the company's head office. */
    static final Map<String, String> BRANCH_COMPANY = Map.of("HQ", "ACME", "US-EAST", "ACME", "US-WEST", "ACME",
            "EU", "ACME-EU", "UK", "ACME-EU");

    List<ObjectNode> taxes(Predicate<JsonNode> filter) {
        return sorted(SalesOrderBook.TAX_IDS).stream().map(id -> {
            ObjectNode tax = Values.object();
            Values.set(tax, "TaxID", id);
            Values.set(tax, "Description", "Tax " + id);
            Values.set(tax, "TaxType", "Sales");
            Values.set(tax, "CalculateOn", "Extract from Item Amount");
            Values.set(tax, "TaxAgency", "TAXAGENCY");
            Values.set(tax, "TaxPayableAccount", "20100");
            return tax;
        }).filter(filter).toList();
    }

    List<ObjectNode> paymentMethods(Predicate<JsonNode> filter) {
        return sorted(METHOD_ACCOUNTS.keySet()).stream().map(id -> {
            ObjectNode method = Values.object();
            Values.set(method, "PaymentMethodID", id);
            Values.set(method, "Description", "Payment method " + id);
            Values.set(method, "Active", true);
            Values.set(method, "UseInAR", true);
            Values.set(method, "UseInAP", false);
            Values.set(method, "UseInPR", false);
            Values.set(method, "MeansOfPayment", id.startsWith("CARD") || id.equals("CREDITCARD") ? "Credit Card" : "Cash/Check");
            Values.set(method, "IntegratedProcessing", false);
            ArrayNode accounts = method.putArray("AllowedCashAccounts");
            List<String> allowed = METHOD_ACCOUNTS.get(id);
            for (String account : allowed) {
                ObjectNode row = accounts.addObject();
                Values.set(row, "PaymentMethod", id);
                Values.set(row, "CashAccount", account);
                Values.set(row, "Branch", "HQ");
                Values.set(row, "Description", "Cash account " + account);
                Values.set(row, "UseInAR", true);
                Values.set(row, "UseInAP", false);
                Values.set(row, "ARDefault", account.equals(allowed.get(0)));
            }
            return method;
        }).filter(filter).toList();
    }

    List<ObjectNode> shipVias(Predicate<JsonNode> filter) {
        return sorted(SHIP_VIAS).stream().map(id -> {
            ObjectNode shipVia = Values.object();
            Values.set(shipVia, "CarrierID", id);
            Values.set(shipVia, "Description", "Ship via " + id);
            Values.set(shipVia, "CalculationMethod", "Manual");
            Values.set(shipVia, "CommonCarrier", !id.equals("FLATRATE") && !id.equals("FREESHIP"));
            return shipVia;
        }).filter(filter).toList();
    }

    List<ObjectNode> customerClasses(Predicate<JsonNode> filter) {
        return sorted(CustomerBook.CLASSES).stream().map(id -> {
            ObjectNode customerClass = Values.object();
            Values.set(customerClass, "ClassID", id);
            Values.set(customerClass, "Description", "Customer class " + id);
            Values.set(customerClass, "CurrencyID", "USD");
            Values.set(customerClass, "Terms", "30D");
            return customerClass;
        }).filter(filter).toList();
    }

    List<ObjectNode> priceClasses(Predicate<JsonNode> filter) {
        return sorted(PRICE_CLASSES).stream().map(id -> {
            ObjectNode priceClass = Values.object();
            Values.set(priceClass, "PriceClassID", id);
            Values.set(priceClass, "Description", "Price class " + id);
            return priceClass;
        }).filter(filter).toList();
    }

    /** The Company Branch inquiry has no parameters: whatever the form says, every branch is a row. */
    PutResult companies(ObjectNode form) {
        ObjectNode structure = Values.object();
        ArrayNode rows = structure.putArray("Results");
        for (String branch : sorted(BRANCH_COMPANY.keySet())) {
            String company = BRANCH_COMPANY.get(branch);
            ObjectNode row = rows.addObject();
            Values.set(row, "CompanyID", company);
            Values.set(row, "CompanyName", company.equals("ACME") ? "Acme Inc." : "Acme Europe B.V.");
            Values.set(row, "CompanyType", "With Branches Not Requiring Balancing");
            Values.set(row, "CompanyStatus", true);
            Values.set(row, "BranchID", branch);
            Values.set(row, "BranchName", "Branch " + branch);
            Values.set(row, "BranchStatus", true);
            Values.set(row, "BranchCountry", company.equals("ACME") ? "US" : branch.equals("UK") ? "GB" : "NL");
            Values.set(row, "BaseCurrencyID", company.equals("ACME") ? "USD" : "EUR");
        }
        return PutResult.stored(structure);
    }

    private static List<String> sorted(Set<String> ids) {
        return new TreeSet<>(ids).stream().toList();
    }
}
