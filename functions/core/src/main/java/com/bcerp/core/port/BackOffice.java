package com.bcerp.core.port;

import com.bcerp.core.backoffice.Capability;
import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.config.InvalidConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A back office (ERP, POS or WMS) as the ports it offers. One adapter per system builds it; each port translates
 * calls to the system's API and decides nothing. A port the system lacks is absent, and the flows that need it are
 * not wired: a warehouse takes sales orders and ships them, but has no customers, payments or credit notes.
 * Failures are {@link com.bcerp.core.failure.TransientFailure} (retry) or
 * {@link com.bcerp.core.failure.PermanentFailure} (park, naming the field).
 */
public final class BackOffice {

    private final String name;
    private final String system;
    private final LineArithmetic arithmetic;
    private final Customers customers;
    private final SalesDocuments documents;
    private final Payments payments;
    private final Invoices invoices;
    private final InventorySource inventory;
    private final CatalogSource catalogue;
    private final FulfilmentSource fulfilment;
    private final ReferenceCodes codes;
    private final PriceSource prices;
    private final List<Integer> importStatuses;
    private final boolean unitsOfMeasure;
    private final Runnable signOut;

    private BackOffice(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.system = Objects.requireNonNull(b.system, "system");
        this.arithmetic = Objects.requireNonNull(b.arithmetic, "arithmetic");
        this.customers = b.customers;
        this.documents = b.documents;
        this.payments = b.payments;
        this.invoices = b.invoices;
        this.inventory = b.inventory;
        this.catalogue = b.catalogue;
        this.fulfilment = b.fulfilment;
        this.codes = b.codes;
        this.prices = b.prices;
        this.importStatuses = b.importStatuses == null ? null : List.copyOf(b.importStatuses);
        this.signOut = b.signOut;
        this.unitsOfMeasure = b.unitsOfMeasure;
        if (documents != null && payments != null && customers == null) {
            throw new IllegalArgumentException(name + ": payments need customers to pay");
        }
        if (invoices != null && payments == null) {
            throw new IllegalArgumentException(name + ": invoices are paid by the order's payments, so need payments");
        }
    }

    /**
     * @param name   the deployment's name for it, in state keys, logs and audit, e.g. "acumatica"
     * @param system the kind of system, e.g. "acumatica", "extensiv"
     */
    public static Builder named(String name, String system) {
        return new Builder(name, system);
    }

    public String name() {
        return name;
    }

    public String system() {
        return system;
    }

    /** How it computes a line's amount, so core's totals are its totals to the cent. */
    public LineArithmetic arithmetic() {
        return arithmetic;
    }

    public Optional<Customers> customers() {
        return Optional.ofNullable(customers);
    }

    public Optional<SalesDocuments> documents() {
        return Optional.ofNullable(documents);
    }

    public Optional<Payments> payments() {
        return Optional.ofNullable(payments);
    }

    /** AR invoices of paid orders, and credit memos against them. */
    public Optional<Invoices> invoices() {
        return Optional.ofNullable(invoices);
    }

    public Optional<InventorySource> inventory() {
        return Optional.ofNullable(inventory);
    }

    public Optional<CatalogSource> catalogue() {
        return Optional.ofNullable(catalogue);
    }

    public Optional<FulfilmentSource> fulfilment() {
        return Optional.ofNullable(fulfilment);
    }

    /** The codes it keeps for what the config maps (tax ids, payment methods, ...), for the pre-flight check. */
    public Optional<ReferenceCodes> codes() {
        return Optional.ofNullable(codes);
    }

    /** Its prices per customer price class, for the store's price lists. */
    public Optional<PriceSource> prices() {
        return Optional.ofNullable(prices);
    }

    /**
     * The store statuses whose orders this back office takes, where it decides that itself (a warehouse takes only
     * orders ready to ship); empty: the config's {@code statuses.import_statuses}.
     */
    public Optional<List<Integer>> importStatuses() {
        return Optional.ofNullable(importStatuses);
    }

    public Set<Capability> capabilities() {
        Set<Capability> all = EnumSet.noneOf(Capability.class);
        if (customers != null) {
            all.add(Capability.CUSTOMERS);
        }
        if (documents != null) {
            all.add(Capability.SALES_ORDERS);
            if (documents.kinds().contains(DocumentKind.CREDIT)) {
                all.add(Capability.CREDIT_NOTES);
            }
            if (documents.kinds().contains(DocumentKind.RETURN)) {
                all.add(Capability.RETURNS);
            }
            if (unitsOfMeasure) {
                all.add(Capability.UNITS_OF_MEASURE);
            }
        }
        if (payments != null) {
            all.add(Capability.PAYMENTS);
        }
        if (invoices != null) {
            all.add(Capability.INVOICES);
        }
        if (inventory != null) {
            all.add(Capability.INVENTORY);
        }
        if (catalogue != null) {
            all.add(Capability.CATALOGUE);
        }
        if (fulfilment != null) {
            all.add(Capability.FULFILMENT);
        }
        if (prices != null) {
            all.add(Capability.PRICE_LISTS);
        }
        return all;
    }

    public boolean has(Capability capability) {
        return capabilities().contains(capability);
    }

    /** Refuses config that asks this back office for what it cannot do, naming the config field. */
    public void require(Capability capability, String field) {
        InvalidConfig.require(has(capability), field, "back office '" + name + "' (" + system + ") has no "
                + capability.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "; it offers "
                + capabilities().stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    /**
     * Ends the sessions the back office holds for this process, where it keeps any (Acumatica: each holds one of the
     * licence's API-user slots), when the process stops: the local runtime's close. Lambda tells a function nothing
     * before it freezes or ends it, so there the session is left to end idle.
     */
    public void signOut() {
        signOut.run();
    }

    /** The same back office with its order-side ports wrapped, e.g. by the local runtime's fault injection. */
    public BackOffice wrapped(PortWrapper wrapper) {
        Builder b = new Builder(name, system).arithmetic(arithmetic).inventory(inventory).catalogue(catalogue)
                .fulfilment(fulfilment).codes(codes).prices(prices);
        b.importStatuses = importStatuses;
        b.unitsOfMeasure = unitsOfMeasure;
        b.signOut = signOut;
        b.customers = customers == null ? null : wrapper.customers(customers);
        b.documents = documents == null ? null : wrapper.documents(documents);
        b.payments = payments == null ? null : wrapper.payments(payments);
        b.invoices = invoices;
        return b.build();
    }

    /** Wraps the order-side ports; each defaults to no change. */
    public interface PortWrapper {
        default Customers customers(Customers port) {
            return port;
        }

        default SalesDocuments documents(SalesDocuments port) {
            return port;
        }

        default Payments payments(Payments port) {
            return port;
        }
    }

    /** Wraps only the documents port. */
    public static PortWrapper documentsWrapper(UnaryOperator<SalesDocuments> wrap) {
        return new PortWrapper() {
            @Override
            public SalesDocuments documents(SalesDocuments port) {
                return wrap.apply(port);
            }
        };
    }

    @Override
    public String toString() {
        return name + " (" + system + ", " + capabilities() + ")";
    }

    public static final class Builder {
        private final String name;
        private final String system;
        private LineArithmetic arithmetic = LineArithmetic.ROUND_EACH_THEN_SUBTRACT;
        private Customers customers;
        private SalesDocuments documents;
        private Payments payments;
        private Invoices invoices;
        private InventorySource inventory;
        private CatalogSource catalogue;
        private FulfilmentSource fulfilment;
        private ReferenceCodes codes;
        private PriceSource prices;
        private List<Integer> importStatuses;
        private boolean unitsOfMeasure;
        private Runnable signOut = () -> { };

        private Builder(String name, String system) {
            this.name = name;
            this.system = system;
        }

        public Builder arithmetic(LineArithmetic value) {
            this.arithmetic = value;
            return this;
        }

        public Builder customers(Customers port) {
            this.customers = port;
            return this;
        }

        public Builder documents(SalesDocuments port) {
            this.documents = port;
            return this;
        }

        public Builder payments(Payments port) {
            this.payments = port;
            return this;
        }

        public Builder invoices(Invoices port) {
            this.invoices = port;
            return this;
        }

        public Builder inventory(InventorySource port) {
            this.inventory = port;
            return this;
        }

        public Builder catalogue(CatalogSource port) {
            this.catalogue = port;
            return this;
        }

        public Builder fulfilment(FulfilmentSource port) {
            this.fulfilment = port;
            return this;
        }

        public Builder codes(ReferenceCodes port) {
            this.codes = port;
            return this;
        }

        public Builder prices(PriceSource port) {
            this.prices = port;
            return this;
        }

        public Builder importStatuses(List<Integer> statuses) {
            this.importStatuses = statuses;
            return this;
        }

        /** Its documents' lines take a unit of measure ({@link Capability#UNITS_OF_MEASURE}). */
        public Builder unitsOfMeasure() {
            this.unitsOfMeasure = true;
            return this;
        }

        /** What {@link BackOffice#signOut()} does; nothing by default. */
        public Builder onSignOut(Runnable action) {
            this.signOut = action;
            return this;
        }

        public BackOffice build() {
            return new BackOffice(this);
        }
    }
}
