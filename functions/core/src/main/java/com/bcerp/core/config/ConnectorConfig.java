package com.bcerp.core.config;

import com.bcerp.core.catalog.CatalogSettings;
import com.bcerp.core.customer.CustomerSettings;
import com.bcerp.core.fulfilment.FulfilmentSettings;
import com.bcerp.core.invoice.InvoiceSettings;
import com.bcerp.core.order.OrderMappingSettings;
import com.bcerp.core.order.RoutingSettings;
import com.bcerp.core.order.StatusSettings;
import com.bcerp.core.payment.PaymentSettings;
import com.bcerp.core.pricelist.PriceListSettings;
import com.bcerp.core.stock.StockSettings;
import com.bcerp.core.unit.SellingUnit;
import com.bcerp.core.unit.SellingUnits;
import java.util.Map;
import java.util.Objects;

/**
 * The merchant's configuration, one file for the whole connector (see {@code config/connector.example.yaml}). Each
 * section belongs to one flow; a section's record validates its own values and names the field it rejects.
 *
 * @param units store SKU to the unit it is sold in ({@code units:}), for SKUs sold as a pack or case of their item
 */
public record ConnectorConfig(OrderMappingSettings orders, StatusSettings statuses, CustomerSettings customers,
        PaymentSettings payments, RoutingSettings routing, StockSettings stock, CatalogSettings catalog,
        FulfilmentSettings fulfilment, ReliabilitySettings reliability, BackOfficeSettings backOffices,
        PriceListSettings priceLists, InvoiceSettings invoices, Map<String, SellingUnit> units) {

    public ConnectorConfig {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(stock, "stock");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(fulfilment, "fulfilment");
        Objects.requireNonNull(reliability, "reliability");
        Objects.requireNonNull(backOffices, "back_offices");
        Objects.requireNonNull(priceLists, "price_lists");
        Objects.requireNonNull(invoices, "invoices");
        units = units == null ? Map.of() : Map.copyOf(units);
    }

    /** Without price lists, AR invoices for paid orders or selling units (every SKU in its item's own unit). */
    public ConnectorConfig(OrderMappingSettings orders, StatusSettings statuses, CustomerSettings customers,
            PaymentSettings payments, RoutingSettings routing, StockSettings stock, CatalogSettings catalog,
            FulfilmentSettings fulfilment, ReliabilitySettings reliability, BackOfficeSettings backOffices) {
        this(orders, statuses, customers, payments, routing, stock, catalog, fulfilment, reliability, backOffices,
                PriceListSettings.defaults(), InvoiceSettings.defaults(), Map.of());
    }

    public ConnectorConfig withPriceLists(PriceListSettings value) {
        return new ConnectorConfig(orders, statuses, customers, payments, routing, stock, catalog, fulfilment,
                reliability, backOffices, value, invoices, units);
    }

    public ConnectorConfig withInvoices(InvoiceSettings value) {
        return new ConnectorConfig(orders, statuses, customers, payments, routing, stock, catalog, fulfilment,
                reliability, backOffices, priceLists, value, units);
    }

    /** The selling units, as the order and stock rules apply them. */
    public SellingUnits sellingUnits() {
        return new SellingUnits(units);
    }

    public static ConnectorConfig defaults() {
        return new ConnectorConfig(OrderMappingSettings.defaults(), StatusSettings.defaults(),
                CustomerSettings.defaults(), PaymentSettings.defaults(), RoutingSettings.defaults(),
                StockSettings.defaults(), CatalogSettings.defaults(), FulfilmentSettings.defaults(),
                ReliabilitySettings.defaults(), BackOfficeSettings.defaults(), PriceListSettings.defaults(),
                InvoiceSettings.defaults(), Map.of());
    }
}
