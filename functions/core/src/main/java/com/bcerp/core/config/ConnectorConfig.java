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
import java.util.Objects;

/**
 * The merchant's configuration, one file for the whole connector (see {@code config/connector.example.yaml}). Each
 * section belongs to one flow; a section's record validates its own values and names the field it rejects.
 */
public record ConnectorConfig(OrderMappingSettings orders, StatusSettings statuses, CustomerSettings customers,
        PaymentSettings payments, RoutingSettings routing, StockSettings stock, CatalogSettings catalog,
        FulfilmentSettings fulfilment, ReliabilitySettings reliability, BackOfficeSettings backOffices,
        PriceListSettings priceLists, InvoiceSettings invoices) {

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
    }

    /** Without price lists or AR invoices for paid orders. */
    public ConnectorConfig(OrderMappingSettings orders, StatusSettings statuses, CustomerSettings customers,
            PaymentSettings payments, RoutingSettings routing, StockSettings stock, CatalogSettings catalog,
            FulfilmentSettings fulfilment, ReliabilitySettings reliability, BackOfficeSettings backOffices) {
        this(orders, statuses, customers, payments, routing, stock, catalog, fulfilment, reliability, backOffices,
                PriceListSettings.defaults(), InvoiceSettings.defaults());
    }

    public ConnectorConfig withPriceLists(PriceListSettings value) {
        return new ConnectorConfig(orders, statuses, customers, payments, routing, stock, catalog, fulfilment,
                reliability, backOffices, value, invoices);
    }

    public ConnectorConfig withInvoices(InvoiceSettings value) {
        return new ConnectorConfig(orders, statuses, customers, payments, routing, stock, catalog, fulfilment,
                reliability, backOffices, priceLists, value);
    }

    public static ConnectorConfig defaults() {
        return new ConnectorConfig(OrderMappingSettings.defaults(), StatusSettings.defaults(),
                CustomerSettings.defaults(), PaymentSettings.defaults(), RoutingSettings.defaults(),
                StockSettings.defaults(), CatalogSettings.defaults(), FulfilmentSettings.defaults(),
                ReliabilitySettings.defaults(), BackOfficeSettings.defaults(), PriceListSettings.defaults(),
                InvoiceSettings.defaults());
    }
}
