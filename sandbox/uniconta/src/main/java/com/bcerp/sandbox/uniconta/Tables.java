package com.bcerp.sandbox.uniconta;

import static com.bcerp.sandbox.uniconta.FieldType.BOOL;
import static com.bcerp.sandbox.uniconta.FieldType.DATE;
import static com.bcerp.sandbox.uniconta.FieldType.DATETIME;
import static com.bcerp.sandbox.uniconta.FieldType.INT;
import static com.bcerp.sandbox.uniconta.FieldType.NUMBER;
import static com.bcerp.sandbox.uniconta.FieldType.TEXT;

import java.util.List;

/**
 * The client classes the sandbox serves, with the property names of erp-apis.md §10.2.2 (Uniconta's own UI bindings,
 * [U-PAGES]). Each keeps the subset a web-shop connector touches; the README lists what is left out. Read-only
 * properties are the ones Uniconta computes (totals, quantities, times, numbers it assigns).
 */
final class Tables {

    private Tables() {}

    private static final String[] DELIVERY = {"DeliveryName", "DeliveryAddress1", "DeliveryAddress2", "DeliveryAddress3",
        "DeliveryZipCode", "DeliveryCity", "DeliveryCountry", "DeliveryContactPerson", "DeliveryPhone",
        "DeliveryContactEmail"};
    private static final String[] VARIANTS = {"Variant1", "Variant2", "Variant3", "Variant4", "Variant5"};
    static final List<String> VARIANT_FIELDS = List.of(VARIANTS);

    /** Customers; key Account. {@code Country} is text: whether REST takes enum names or numbers is UNCONFIRMED (§10.2.3). */
    static Table debtor() {
        return Table.named("DebtorClient", "Debtor")
                .text("Account", "Name", "Address1", "Address2", "Address3", "ZipCode", "City", "Country", "Phone",
                        "ContactPerson", "ContactEmail", "Www", "MobilPhone", "InvoiceEmail")
                .bool("EmailDocuments", "PricesInclVat")
                .text("Payment", "PaymentMethod", "Employee", "CompanyRegNo", "Group", "Currency", "PriceGroup", "PriceList",
                        "LayoutGroup", "InvoiceAccount", "VatZone", "Vat", "VatNumber")
                .text(DELIVERY)
                .text("EAN", "Shipment", "DeliveryTerm")
                .number("EndDiscountPct", "LineDiscountPct", "CreditMax")
                .bool("Blocked")
                .readOnly(DATETIME, "Created")
                .readOnly(NUMBER, "CurBalance")
                .keyedBy("Account");
    }

    /** Sales order headers; key OrderNumber (Uniconta assigns it when 0). Lines are their own class. */
    static Table order() {
        return Table.named("DebtorOrderClient", null)
                .integer("OrderNumber")
                .text("Account")
                .readOnly(TEXT, "Name")
                .date("DeliveryDate")
                .text("Currency", "YourRef", "OurRef", "Remark", "Requisition", "ReferenceNumber")
                .number("EndDiscountPct")
                .text("Payment", "Employee", "Project")
                .bool("DeleteOrder", "DeleteLines", "PricesInclVat", "Blocked")
                .text("Dimension1", "Dimension2", "Dimension3", "Dimension4", "Dimension5")
                .text(DELIVERY)
                .text("Shipment", "DeliveryTerm", "Settlements")
                .readOnly(NUMBER, "OrderTotal")
                .readOnly(INT, "NoLines")
                .readOnly(NUMBER, "TotalQty")
                .readOnly(DATE, "LastInvoice")
                .readOnly(DATETIME, "Created", "UpdatedAt")
                .keyedBy("OrderNumber");
    }

    /** Sales order lines; key OrderNumber + LineNumber (a C# double; Uniconta numbers lines when 0, guess). */
    static Table orderLine() {
        return Table.named("DebtorOrderLineClient", null)
                .integer("OrderNumber")
                .number("LineNumber")
                .text("Item")
                .text(VARIANTS)
                .text("Text")
                .number("Qty")
                .text("Unit")
                .number("Price", "Discount", "DiscountPct")
                .readOnly(NUMBER, "Total")
                .text("Warehouse", "Location", "Vat", "Note", "ReferenceNumber")
                .date("Date", "DeliveryDate")
                .readOnly(NUMBER, "QtyDelivered", "QtyInvoiced")
                .readOnly(DATETIME, "UpdatedAt")
                .keyedBy("OrderNumber", "LineNumber");
    }

    /** Items; key Item. Quantities are the sums of the item's storage rows. */
    static Table item() {
        return Table.named("InvItemClient", "InvItem")
                .text("Item", "Name")
                .number("CostPrice", "SalesPrice1", "SalesPrice2", "SalesPrice3", "PurchasePrice")
                .text("Unit")
                .number("Weight", "NetWeight", "Volume")
                .text("EAN", "Group")
                .bool("UseStorage", "UseVariants", "MandatoryVariant")
                .text("StandardVariant")
                .bool("Blocked", "HideInSales")
                .text("Warehouse", "Location")
                .number("MinStockLevel", "MaxStockLevel")
                .readOnly(NUMBER, "QtyOnStock", "QtyReserved", "QtyOrdered", "Available", "AvailableForReservation")
                .readOnly(DATE, "LastMovement")
                .keyedBy("Item");
    }

    /**
     * Stock per item, variant, warehouse and location; no timestamp (§10.2.2). Read-only through the API (Uniconta
     * keeps it from transactions; guess that the Entities API refuses writes).
     */
    static Table storage() {
        return Table.named("InvItemStorageClient", "InvItemStorage")
                .readOnly(TEXT, "Item")
                .readOnly(TEXT, VARIANTS)
                .readOnly(TEXT, "Warehouse", "Location", "ItemName")
                .readOnly(NUMBER, "Qty", "QtyReserved", "QtyOrdered", "Available", "AvailableForReservation",
                        "MinStockLevel", "MaxStockLevel")
                .keyedBy("Item", "Variant1", "Variant2", "Variant3", "Variant4", "Variant5", "Warehouse", "Location");
    }

    /**
     * Values of one variant dimension ({@code InvVariant1Client} .. {@code InvVariant5Client}, §2.2). The property
     * names {@code Number} and {@code Name} are a guess: the research names the classes, not their properties.
     */
    static Table variant(int dimension) {
        return Table.named("InvVariant" + dimension + "Client", null)
                .readOnly(TEXT, "Number", "Name")
                .keyedBy("Number");
    }

    /** A standard variant: a reusable set of dimensions (§2.2 [U-VAR]); {@code Number}, {@code Name}, {@code AllCombinations} are guesses. */
    static Table standardVariant() {
        return Table.named("InvStandardVariantClient", null)
                .readOnly(TEXT, "Number", "Name")
                .readOnly(BOOL, "AllCombinations")
                .keyedBy("Number");
    }

    /** The combinations a standard variant allows (§2.2); property names are guesses. */
    static Table standardVariantCombi() {
        return Table.named("InvStandardVariantCombiClient", null)
                .readOnly(TEXT, "StandardVariant")
                .readOnly(TEXT, VARIANTS)
                .keyedBy("StandardVariant", "Variant1", "Variant2", "Variant3", "Variant4", "Variant5");
    }

    /** Posted invoices; key InvoiceNumber. Read-only (a posted invoice is not edited; credit notes reverse it). */
    static Table invoice() {
        return Table.named("DebtorInvoiceClient", null)
                .readOnly(INT, "InvoiceNumber")
                .readOnly(TEXT, "InvoiceNum", "Account", "Name")
                .readOnly(DATE, "Date")
                .readOnly(INT, "OrderNumber")
                .readOnly(TEXT, "Currency")
                .readOnly(NUMBER, "NetAmount", "VatAmount", "TotalAmount")
                .readOnly(TEXT, "Payment", "Shipment", "ShipmentText", "DeliveryTerm")
                .readOnly(TEXT, DELIVERY)
                .readOnly(TEXT, "YourRef", "OurRef", "Remark", "Requisition", "ReferenceNumber")
                .readOnly(BOOL, "PricesInclVat")
                .readOnly(DATE, "DueDate")
                .keyedBy("InvoiceNumber");
    }

    /** Posted invoice lines (the class name has no {@code Client} suffix, §2.2). */
    static Table invoiceLine() {
        return Table.named("DebtorInvoiceLines", null)
                .readOnly(INT, "InvoiceNumber")
                .readOnly(NUMBER, "LineNumber")
                .readOnly(INT, "OrderNumber")
                .readOnly(TEXT, "Item")
                .readOnly(TEXT, VARIANTS)
                .readOnly(TEXT, "Text")
                .readOnly(NUMBER, "InvoiceQty")
                .readOnly(TEXT, "Unit")
                .readOnly(NUMBER, "SalesPrice", "DiscountPct", "InvoiceTotal", "AmountInclVat")
                .readOnly(TEXT, "Vat", "Warehouse", "Location", "ReferenceNumber")
                .readOnly(DATE, "Date")
                .keyedBy("InvoiceNumber", "LineNumber");
    }

    /** VAT codes ({@code GLVatClient}, §2.2); {@code Vat}, {@code Name}, {@code Rate} are guesses. */
    static Table vat() {
        return Table.named("GLVatClient", null)
                .readOnly(TEXT, "Vat", "Name")
                .readOnly(NUMBER, "Rate")
                .keyedBy("Vat");
    }
}
