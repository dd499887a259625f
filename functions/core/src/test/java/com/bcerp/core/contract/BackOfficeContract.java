package com.bcerp.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bcerp.core.backoffice.Capability;
import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.model.Money;
import com.bcerp.core.catalog.CatalogProduct;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.CatalogSource;
import com.bcerp.core.port.Customers;
import com.bcerp.core.port.FulfilmentSource;
import com.bcerp.core.port.InventorySource;
import com.bcerp.core.port.Payments;
import com.bcerp.core.port.SalesDocuments;
import com.bcerp.core.stock.ItemStock;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BackOffice} adapter must do, by capability, asserted through the ports only, so that core can
 * rely on the same outcomes whichever back office is behind it. A test needing a capability the back office does not
 * declare is skipped, naming the capability (a warehouse has no customers or payments); one needing the back office's
 * own search by reference is skipped where it has none (the link table stands in for it). An adapter's test extends
 * this class, wires the adapter to its sandbox, and names a few facts of the sandbox's catalogue. Every test makes
 * its own references, so a sandbox may be shared by all of them.
 *
 * <p>Failure contract: a mapping problem is a {@link PermanentFailure} whose {@code field()} names the field, with the
 * draft line's zero-based index in brackets when a line is at fault (in the back office's own words, e.g.
 * {@code lines[1].itemId}), and whose message carries the line's {@link DraftLine#source()} so ops can find the store
 * record.
 */
public abstract class BackOfficeContract {

    /** The adapter under test, wired to its sandbox. */
    protected abstract BackOffice backOffice();

    /** An item the back office sells. */
    protected abstract String knownItem();

    /** A second item the back office sells (e.g. a non-stock charge item). */
    protected abstract String anotherKnownItem();

    /** An item the back office does not know. */
    protected abstract String unknownItem();

    /** A tax id the back office accepts for the store's carried-over tax. */
    protected abstract String taxId();

    /** The store's currency, the back office's base currency unless overridden. */
    protected String currency() {
        return "USD";
    }

    private String run;

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    protected Money money(String amount) {
        return Money.of(amount, currency());
    }

    protected Address address(String lastName) {
        return new Address("Pat", lastName, "Harbor & Co", "12 Quay St", "Unit 4", "Portland", "OR", "97201", "US",
                "555-0100", "pat." + lastName.toLowerCase(java.util.Locale.ROOT) + "@example.com");
    }

    protected CustomerDraft customer(String email) {
        return new CustomerDraft("Pat O'Hara", email, "Harbor & Co", "555-0100", address("OHara"), address("Shipping"),
                "BC-contract-customer-" + run, false);
    }

    protected DraftLine line(int number, String item, String qty, String unitPrice, String discount) {
        return new DraftLine(item, "Contract line " + number, new BigDecimal(qty), money(unitPrice), money(discount),
                Integer.toString(900 + number), "order " + run + " line " + number + " (sku " + item + ")");
    }

    protected SalesOrderDraft order(String customerId, String externalRef, List<DraftLine> lines, Money freight,
            List<TaxLine> taxes) {
        return taxedAtOneRate(SalesOrderDraft.sale(externalRef, "CO-" + run, customerId, LocalDate.of(2026, 3, 1),
                currency(), "Contract order " + run, lines, freight, taxes, address("Billing"), address("Shipping"), null,
                null));
    }

    /** With one tax, every line and the freight taxed under its id, as core maps a store with one tax class. */
    public static SalesOrderDraft taxedAtOneRate(SalesOrderDraft draft) {
        if (draft.taxes().size() != 1) {
            return draft;
        }
        List<String> ids = List.of(draft.taxes().get(0).taxId());
        return draft.withTaxIds(draft.lines().stream().map(l -> l.withTaxIds(ids)).toList(), ids);
    }

    /** A document of another kind, linked to {@code original}. */
    protected SalesOrderDraft linked(DocumentKind kind, SalesOrderDraft base, String externalRef, DocumentRef original,
            List<DraftLine> lines) {
        return new SalesOrderDraft(kind, externalRef, base.customerOrder(), base.customerId(), base.date(),
                base.currency(), null, null, "Contract " + kind + " " + run, lines, money("0"), List.of(), base.billTo(),
                base.shipTo(), null, null, original);
    }

    /** A branch of the back office's (company unit) documents may be routed to; null where it has none (a warehouse). */
    protected abstract String branch();

    /** A payment method the back office accepts. */
    protected abstract String paymentMethod();

    /** A well-formed id of a sales order the back office does not have. */
    protected abstract String missingDocumentId(String run);

    /**
     * The same adapter on the same sandbox signing in with {@link #wrongSecret()} in place of its password or client
     * secret: what a merchant who mistyped the secret gets.
     */
    protected abstract BackOffice withWrongSecret();

    /** The wrong secret value {@link #withWrongSecret()} signs in with, which no failure's message may carry. */
    protected String wrongSecret() {
        return "not-the-secret-7f3a";
    }

    /** Turns the sandbox's outage on or off: every request answered as the vendor answers while it is down. */
    protected abstract void outage(boolean on);

    protected Customers customers() {
        return port(backOffice().customers(), Capability.CUSTOMERS);
    }

    protected SalesDocuments documents() {
        return port(backOffice().documents(), Capability.SALES_ORDERS);
    }

    protected Payments payments() {
        return port(backOffice().payments(), Capability.PAYMENTS);
    }

    protected InventorySource inventory() {
        return port(backOffice().inventory(), Capability.INVENTORY);
    }

    protected FulfilmentSource fulfilment() {
        return port(backOffice().fulfilment(), Capability.FULFILMENT);
    }

    protected CatalogSource catalogue() {
        return port(backOffice().catalogue(), Capability.CATALOGUE);
    }

    private <T> T port(Optional<T> port, Capability capability) {
        assumeTrue(port.isPresent(), () -> backOffice().name() + " declares no " + capability + ": skipped");
        return port.get();
    }

    private void requires(Capability capability) {
        assumeTrue(backOffice().has(capability), () -> backOffice().name() + " declares no " + capability + ": skipped");
    }

    /** Documents that carry prices, freight and totals: skipped for a back office keeping quantities only. */
    private void requiresAmounts() {
        assumeTrue(documents().keepsAmounts(), () -> backOffice().name() + " keeps no amounts: skipped");
    }

    /** A warehouse (WMS): sales orders kept by quantity, without customers. */
    private void requiresWarehouse() {
        assumeTrue(backOffice().has(Capability.SALES_ORDERS) && !documents().keepsAmounts()
                && !backOffice().has(Capability.CUSTOMERS), () -> backOffice().name() + " is not a warehouse: skipped");
    }

    /**
     * The warehouse's own side, which no port does: pick, pack everything of the order into one package with this
     * tracking number and ship it. Skipped where the sandbox has no such hook.
     */
    protected void shipInFull(DocumentRef order, String trackingNumber) {
        assumeTrue(false, () -> backOffice().name() + "'s test names no warehouse hook: skipped");
    }

    /** The back office's own search by reference; skipped where it has none. */
    private List<PostedDocument> search(String externalRef) {
        Optional<List<PostedDocument>> found = documents().findOrderDocuments(externalRef);
        assumeTrue(found.isPresent(), () -> backOffice().name() + " cannot search documents by reference: skipped");
        return found.get();
    }

    private List<PostedPayment> searchPayments(String prefix) {
        Optional<List<PostedPayment>> found = payments().findPayments(prefix);
        assumeTrue(found.isPresent(), () -> backOffice().name() + " cannot search payments by reference: skipped");
        return found.get();
    }

    private Optional<PostedDocument> document(String externalRef) {
        return search(externalRef).stream().filter(d -> d.externalRef().equals(externalRef)).findFirst();
    }

    private PostedDocument read(DocumentRef ref) {
        List<PostedDocument> read = documents().readDocuments(List.of(ref.id()));
        assertThat(read).as("%s reads back by its id", ref.id()).hasSize(1);
        return read.get(0);
    }

    /** A customer for the order, or null where the back office keeps none (a warehouse). */
    private String newCustomer() {
        return backOffice().customers().map(c -> c.createCustomer(customer("contract." + run + "@example.com")))
                .orElse(null);
    }

    private String externalRef(String what) {
        return "BC-contract-" + what + "-" + run;
    }

    @Test
    void a_created_customer_is_found_by_email() {
        String email = "o'hara." + run + "@example.com";

        String id = customers().createCustomer(customer(email));

        assertThat(id).isNotBlank();
        assertThat(customers().findCustomerByEmail(email)).contains(id);
    }

    @Test
    void an_updated_customer_is_found_by_its_new_email_and_keeps_its_id_and_store_reference() {
        String before = "before." + run + "@example.com";
        String after = "after." + run + "@example.com";
        CustomerDraft created = customer(before);
        String id = customers().createCustomer(created);

        customers().updateCustomer(id, new CustomerDraft("Pat O'Hara-Lee", after, "Harbor & Co", "555-0199",
                address("Lee"), address("Lee"), created.externalRef(), false));

        assertThat(customers().findCustomerByEmail(after)).contains(id);
        assertThat(customers().findCustomerByEmail(before)).isEmpty();
        assertThat(customers().findCustomerByExternalRef(created.externalRef())).contains(id);
    }

    @Test
    void a_created_customer_exists_by_its_id_and_an_unknown_id_does_not() {
        String id = customers().createCustomer(customer("exists." + run + "@example.com"));

        assertThat(customers().customerExists(id)).isTrue();
        assertThat(customers().customerExists("NOSUCH-" + run)).isFalse();
    }

    @Test
    void an_unknown_email_finds_no_customer() {
        assertThat(customers().findCustomerByEmail("nobody." + run + "@example.com")).isEmpty();
    }

    @Test
    void a_created_sales_order_reads_back_by_its_id_with_its_lines_freight_and_total() {
        requiresAmounts();
        String ref = externalRef("read");
        SalesOrderDraft draft = order(newCustomer(), ref, List.of(line(1, knownItem(), "2", "12.50", "0")), money("5.00"),
                List.of());

        DocumentRef created = documents().createSalesOrder(draft);
        PostedDocument read = read(created);

        assertThat(read.externalRef()).isEqualTo(ref);
        assertThat(read.kind()).isEqualTo(DocumentKind.SALE);
        assertThat(read.isCancelled()).isFalse();
        assertThat(read.ref().total().sameAs(created.total())).as("%s vs %s", read.ref().total(), created.total())
                .isTrue();
        assertThat(read.lines()).singleElement().satisfies(l -> {
            assertThat(l.itemId()).isEqualTo(knownItem());
            assertThat(l.storeLineRef()).isEqualTo("901");
            assertThat(l.quantity()).isEqualByComparingTo("2");
            assertThat(l.amount().sameAs(money("25.00"))).isTrue();
        });
        assertThat(read.freight().sameAs(money("5.00"))).isTrue();
        assertThat(documents().readDocuments(List.of(missingDocumentId(run)))).as("an id it does not have").isEmpty();
    }

    @Test
    void a_created_sales_order_is_found_by_its_external_reference_with_the_same_total() {
        requiresAmounts();
        String ref = externalRef("found");
        SalesOrderDraft draft = order(newCustomer(), ref, List.of(line(1, knownItem(), "2", "12.50", "0")), money("5.00"),
                List.of());

        DocumentRef created = documents().createSalesOrder(draft);
        Optional<PostedDocument> found = document(ref);

        assertThat(found).isPresent();
        assertThat(found.get().ref().display()).isEqualTo(created.display());
        assertThat(found.get().kind()).isEqualTo(DocumentKind.SALE);
        assertThat(found.get().customerId()).isEqualTo(draft.customerId());
        assertThat(found.get().ref().total().sameAs(created.total())).as("%s vs %s", found.get().ref().total(),
                created.total()).isTrue();
        assertThat(found.get().lines()).singleElement().satisfies(l -> {
            assertThat(l.itemId()).isEqualTo(knownItem());
            assertThat(l.storeLineRef()).isEqualTo("901");
            assertThat(l.quantity()).isEqualByComparingTo("2");
            assertThat(l.amount().sameAs(money("25.00"))).isTrue();
        });
        assertThat(found.get().freight().sameAs(money("5.00"))).isTrue();
    }

    @Test
    void the_back_office_total_equals_the_draft_total_to_the_cent() {
        requiresAmounts();
        SalesOrderDraft draft = order(newCustomer(), externalRef("total"), List.of(
                        line(1, knownItem(), "3", "16.6583", "2.50"),
                        line(2, knownItem(), "1", "19.99", "0"),
                        line(3, anotherKnownItem(), "1", "4.00", "0")),
                money("7.50"),
                List.of(new TaxLine(taxId(), new BigDecimal("8.25"), money("78.96"), money("6.5142"))));

        DocumentRef created = documents().createSalesOrder(draft);

        Money total = draft.total(backOffice().arithmetic());
        assertThat(total.sameAs(money("85.47"))).as("the draft's own arithmetic: %s", total).isTrue();
        assertThat(created.total().sameAs(total))
                .as("back office total %s equals the draft's %s", created.total(), total).isTrue();
    }

    @Test
    void an_order_without_freight_or_taxes_totals_its_lines() {
        requiresAmounts();
        SalesOrderDraft draft = order(newCustomer(), externalRef("plain"), List.of(line(1, knownItem(), "1", "10.00", "1.25")),
                money("0"), List.of());

        assertThat(documents().createSalesOrder(draft).total().sameAs(money("8.75"))).isTrue();
    }

    @Test
    void an_unknown_item_is_a_permanent_failure_naming_the_line() {
        String ref = externalRef("unknown-item");
        DraftLine bad = line(2, unknownItem(), "1", "5.00", "0");
        SalesOrderDraft draft = order(newCustomer(), ref,
                List.of(line(1, knownItem(), "1", "5.00", "0"), bad, line(3, knownItem(), "1", "5.00", "0")),
                money("0"), List.of());

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> documents().createSalesOrder(draft));

        assertThat(failure).as("an unknown item is a PermanentFailure").isNotNull();
        assertThat(failure.field()).contains("[1]");
        assertThat(failure.getMessage()).contains(bad.source());
        documents().findOrderDocuments(ref).ifPresent(found -> assertThat(found)
                .as("a rejected order leaves nothing behind").isEmpty());
    }

    @Test
    void a_wrong_secret_is_a_permanent_failure_naming_the_credentials_and_never_carrying_the_secret() {
        requires(Capability.SALES_ORDERS);
        String ref = externalRef("wrong-secret");
        SalesOrderDraft draft = order(newCustomer(), ref, List.of(line(1, knownItem(), "1", "5.00", "0")), money("0"),
                List.of());
        SalesDocuments wrong = withWrongSecret().documents().orElseThrow();

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> wrong.createSalesOrder(draft));

        assertThat(failure).as("a refused sign-in is permanent: retrying cannot fix a wrong secret").isNotNull();
        assertThat(failure.field()).as("the field names the credentials or their secret")
                .matches("credentials|secret .+");
        assertThat(failure.getMessage()).doesNotContain(wrongSecret());
        documents().findOrderDocuments(ref).ifPresent(found -> assertThat(found)
                .as("a refused sign-in writes nothing").isEmpty());
    }

    @Test
    void an_outage_is_a_transient_failure_and_the_same_create_goes_through_once_when_it_ends() {
        String ref = externalRef("outage");
        SalesOrderDraft draft = order(newCustomer(), ref, List.of(line(1, knownItem(), "2", "5.00", "0")), money("0"),
                List.of());
        outage(true);
        TransientFailure failure;
        try {
            failure = catchThrowableOfType(TransientFailure.class, () -> documents().createSalesOrder(draft));
        } finally {
            outage(false);
        }
        assertThat(failure).as("a back office that is down is retried later, not parked").isNotNull();

        DocumentRef created = documents().createSalesOrder(draft);

        assertThat(read(created).externalRef()).isEqualTo(ref);
        assertThat(search(ref)).as("one document, whatever the outage left").hasSize(1);
    }

    @Test
    void an_order_for_an_unknown_customer_is_a_permanent_failure() {
        requires(Capability.CUSTOMERS);
        SalesOrderDraft draft = order("NO-SUCH-CUSTOMER-" + run, externalRef("unknown-customer"),
                List.of(line(1, knownItem(), "1", "5.00", "0")), money("0"), List.of());

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> documents().createSalesOrder(draft));

        assertThat(failure).isNotNull();
        assertThat(failure.field()).isNotBlank();
    }

    @Test
    void a_missing_external_reference_is_empty() {
        assertThat(search(externalRef("missing"))).isEmpty();
        assertThat(searchPayments(externalRef("missing"))).isEmpty();
    }

    @Test
    void a_customer_is_found_by_its_external_reference() {
        String email = "ext." + run + "@example.com";
        String id = customers().createCustomer(customer(email));

        assertThat(customers().findCustomerByExternalRef("BC-contract-customer-" + run)).contains(id);
        assertThat(customers().findCustomerByExternalRef("BC-contract-nobody-" + run)).isEmpty();
    }

    @Test
    void credits_and_returns_are_found_with_the_order_by_its_reference_and_keep_their_kind_and_lines() {
        requires(Capability.CREDIT_NOTES);
        requires(Capability.RETURNS);
        String ref = externalRef("docs");
        SalesOrderDraft sale = order(newCustomer(), ref, List.of(line(1, knownItem(), "3", "10.00", "0")), money("0"),
                List.of());
        DocumentRef original = documents().createSalesOrder(sale);

        DocumentRef credit = documents().createSalesOrder(linked(DocumentKind.CREDIT, sale, ref + "-R1", original,
                List.of(line(1, knownItem(), "1", "10.00", "0"))));
        DocumentRef returned = documents().createSalesOrder(linked(DocumentKind.RETURN, sale, ref + "-R2", original,
                List.of(line(1, knownItem(), "1", "10.00", "1.50"))));

        assertThat(documents().readDocuments(List.of(credit.id(), returned.id()))).extracting(PostedDocument::kind)
                .containsExactlyInAnyOrder(DocumentKind.CREDIT, DocumentKind.RETURN);
        List<PostedDocument> all = search(ref);
        assertThat(all).extracting(PostedDocument::externalRef).containsExactlyInAnyOrder(ref, ref + "-R1", ref + "-R2");
        assertThat(document(ref + "-R1").orElseThrow()).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DocumentKind.CREDIT);
            assertThat(d.ref().display()).isEqualTo(credit.display());
            assertThat(d.ref().total().sameAs(money("10.00"))).isTrue();
            assertThat(d.lines()).singleElement().extracting(PostedDocument.PostedLine::storeLineRef).isEqualTo("901");
        });
        assertThat(document(ref + "-R2").orElseThrow()).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DocumentKind.RETURN);
            assertThat(d.ref().display()).isEqualTo(returned.display());
            assertThat(d.ref().total().sameAs(money("8.50"))).isTrue();
        });
        assertThat(search(ref + "-R")).as("a reference is matched whole, or before a dash")
                .isEmpty();
    }

    @Test
    void a_cancelled_sales_order_reads_back_cancelled() {
        String ref = externalRef("cancel");
        DocumentRef created = documents().createSalesOrder(order(newCustomer(), ref,
                List.of(line(1, knownItem(), "1", "10.00", "0")), money("0"), List.of()));

        documents().cancelSalesOrder(created);

        assertThat(read(created).isCancelled()).isTrue();
    }

    @Test
    void a_document_routed_to_a_branch_reads_back_with_it() {
        assumeTrue(branch() != null, () -> backOffice().name() + " has no branches: skipped");
        String ref = externalRef("branch");
        SalesOrderDraft base = order(newCustomer(), ref, List.of(line(1, knownItem(), "1", "10.00", "0")), money("0"),
                List.of());
        DocumentRef created = documents().createSalesOrder(new SalesOrderDraft(base.kind(), ref, base.customerOrder(),
                base.customerId(), base.date(), base.currency(), null, branch(), base.description(), base.lines(),
                base.freight(), base.taxes(), base.billTo(), base.shipTo(), null, null, null));

        assertThat(read(created).branch()).isEqualTo(branch());
    }

    @Test
    void a_payment_is_held_released_and_voided_and_read_back_by_its_id_and_reference() {
        payments();
        String ref = externalRef("pay");
        String customer = newCustomer();
        DocumentRef so = documents().createSalesOrder(order(customer, ref,
                List.of(line(1, knownItem(), "2", "10.00", "0")), money("0"), List.of()));
        PaymentDraft authorised = new PaymentDraft(ref + "-T1", customer, paymentMethod(), null, money("20.00"),
                LocalDate.of(2026, 3, 1), "gw-1", true, so, null, "Contract payment " + run);

        PostedPayment held = payments().createPayment(authorised);
        assertThat(held.onHold()).isTrue();
        assertThat(payments().readPayments(List.of(held.id()))).singleElement().satisfies(p -> {
            assertThat(p.externalRef()).isEqualTo(ref + "-T1");
            assertThat(p.amount().sameAs(money("20.00"))).isTrue();
            assertThat(p.onHold()).isTrue();
        });

        PaymentDraft captured = new PaymentDraft(authorised.externalRef(), customer, paymentMethod(), null,
                money("18.00"), authorised.date(), "gw-1", false, so, null, authorised.description());
        payments().updatePayment(held, captured);
        PostedPayment released = payments().readPayments(List.of(held.id())).get(0);
        assertThat(released.onHold()).isFalse();
        assertThat(released.amount().sameAs(money("18.00"))).isTrue();

        payments().voidPayment(released);
        assertThat(payments().readPayments(List.of(held.id()))).singleElement().extracting(PostedPayment::isVoided)
                .isEqualTo(true);
        payments().findPayments(ref + "-T").ifPresent(found -> assertThat(found).singleElement()
                .extracting(PostedPayment::id).isEqualTo(held.id()));
    }

    @Test
    void a_payment_for_an_order_that_does_not_exist_is_a_permanent_failure() {
        payments();
        String customer = newCustomer();
        PaymentDraft draft = new PaymentDraft(externalRef("orphan") + "-T1", customer, paymentMethod(), null,
                money("5.00"), LocalDate.of(2026, 3, 1), "gw", false, new DocumentRef(missingDocumentId(run), money("5")),
                null, "orphan");

        assertThat(catchThrowableOfType(PermanentFailure.class, () -> payments().createPayment(draft))).isNotNull();
    }

    @Test
    void a_full_catalogue_read_brings_each_product_once_the_known_item_among_them_and_the_newest_change_time() {
        List<CatalogProduct> products = new java.util.ArrayList<>();
        Optional<java.time.Instant> newest = catalogue().forEachProduct(Optional.empty(), page -> {
            assertThat(page).as("pages are never empty").isNotEmpty();
            products.addAll(page);
        });

        assertThat(products).extracting(CatalogProduct::sku).doesNotHaveDuplicates();
        List<String> skus = products.stream().flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p.sku()),
                p.variants().stream().map(com.bcerp.core.catalog.CatalogVariant::sku))).toList();
        assertThat(skus).as("every SKU, products and variants").doesNotHaveDuplicates().contains(knownItem());
        products.forEach(p -> p.variants().forEach(v -> assertThat(p.optionNames())
                .as("%s's options name %s's", p.sku(), v.sku()).containsAll(v.options().keySet())));
        if (catalogue().tellsChanges()) {
            assertThat(newest).as("the newest modification time, for the next cursor").isPresent();
        }
    }

    @Test
    void a_catalogue_read_since_the_newest_change_brings_nothing_more() {
        assumeTrue(catalogue().tellsChanges(), () -> backOffice().name() + " keeps no change times on its products: "
                + "see a_catalogue_without_change_times_reads_every_product_each_time");
        Optional<java.time.Instant> newest = catalogue().forEachProduct(Optional.empty(), page -> { });
        assertThat(newest).isPresent();
        List<CatalogProduct> again = new java.util.ArrayList<>();

        Optional<java.time.Instant> next = catalogue().forEachProduct(newest, again::addAll);

        assertThat(again).as("nothing changed since %s", newest.get()).isEmpty();
        assertThat(next.orElse(newest.get())).as("the cursor never moves back").isAfterOrEqualTo(newest.get());
    }

    @Test
    void a_catalogue_without_change_times_reads_every_product_each_time() {
        assumeTrue(!catalogue().tellsChanges(), () -> backOffice().name() + " tells its products' changes: skipped");
        List<String> all = new java.util.ArrayList<>();
        catalogue().forEachProduct(Optional.empty(), page -> page.forEach(p -> all.add(p.sku())));
        List<String> since = new java.util.ArrayList<>();

        catalogue().forEachProduct(Optional.of(java.time.Instant.now()), page -> page.forEach(p -> since.add(p.sku())));

        assertThat(since).as("a read since now is whole, for core to compare").containsExactlyInAnyOrderElementsOf(all)
                .contains(knownItem());
    }

    @Test
    void stock_is_one_entry_per_item_asked_for_in_its_warehouses_and_an_unknown_item_is_gone() {
        List<ItemStock> stock = inventory().stock(List.of(knownItem(), unknownItem()));

        assertThat(stock).extracting(ItemStock::sku).containsExactlyInAnyOrder(knownItem(), unknownItem());
        assertThat(stock).filteredOn(s -> s.sku().equals(unknownItem())).singleElement()
                .isEqualTo(ItemStock.gone(unknownItem()));
        assertThat(stock).filteredOn(s -> s.sku().equals(knownItem())).singleElement().satisfies(known -> {
            assertThat(known.warehouses()).isNotEmpty();
            assertThat(known.warehouses()).allSatisfy(w -> assertThat(inventory().warehouses()).contains(w.warehouse()));
        });
    }

    @Test
    void a_created_sales_order_is_read_by_the_fulfilment_side_as_open_with_nothing_shipped() {
        requires(Capability.FULFILMENT);
        String ref = externalRef("fulfilment");
        DocumentRef created = documents().createSalesOrder(order(newCustomer(), ref,
                List.of(line(1, knownItem(), "1", "20.00", "0")), money("0"), List.of()));

        List<BackOfficeOrder> read = fulfilment().orders(List.of(created.id(), missingDocumentId(run)));

        assertThat(read).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(created.id());
            assertThat(o.externalRef()).isEqualTo(ref);
            assertThat(o.state()).isIn(DocumentState.OPEN, DocumentState.ON_HOLD);
            assertThat(o.shipments()).isEmpty();
            assertThat(o.invoiceNbrs()).isEmpty();
        });
    }

    // ---- a warehouse (WMS): orders in, fulfilment and stock out; no customers, payments or credits ----

    @Test
    void a_warehouse_order_reads_back_by_its_id_and_reference_with_its_lines_by_quantity() {
        requiresWarehouse();
        String ref = externalRef("wms-read");
        DocumentRef created = documents().createSalesOrder(order(null, ref, List.of(line(1, knownItem(), "2", "12.50", "0"),
                line(2, knownItem(), "1", "3.00", "0")), money("5.00"), List.of()));

        PostedDocument read = read(created);
        assertThat(read.externalRef()).isEqualTo(ref);
        assertThat(read.kind()).isEqualTo(DocumentKind.SALE);
        assertThat(read.state()).isIn(DocumentState.OPEN, DocumentState.ON_HOLD);
        assertThat(read.lines()).extracting(PostedDocument.PostedLine::storeLineRef, PostedDocument.PostedLine::itemId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("901", knownItem()),
                        org.assertj.core.groups.Tuple.tuple("902", knownItem()));
        assertThat(read.lines()).extracting(l -> l.quantity().stripTrailingZeros().toPlainString())
                .containsExactly("2", "1");
        assertThat(search(ref)).extracting(d -> d.ref().id()).containsExactly(created.id());
        assertThat(documents().readDocuments(List.of(missingDocumentId(run)))).as("an id it does not have").isEmpty();
    }

    @Test
    void a_warehouse_order_sent_twice_is_one_order() {
        requiresWarehouse();
        String ref = externalRef("wms-twice");
        SalesOrderDraft draft = order(null, ref, List.of(line(1, knownItem(), "1", "10.00", "0")), money("0"), List.of());

        DocumentRef first = documents().createSalesOrder(draft);
        DocumentRef second = documents().createSalesOrder(draft);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(search(ref)).hasSize(1);
    }

    @Test
    void a_warehouse_declares_no_customers_payments_or_credits_and_config_asking_for_them_is_refused_naming_the_field() {
        requiresWarehouse();
        assertThat(backOffice().capabilities()).doesNotContain(Capability.CUSTOMERS, Capability.PAYMENTS,
                Capability.CREDIT_NOTES, Capability.RETURNS);
        assertThat(documents().kinds()).containsExactly(DocumentKind.SALE);
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> backOffice().require(Capability.PAYMENTS, "payments.enabled"));
        assertThat(refused).isInstanceOf(com.bcerp.core.config.InvalidConfig.class)
                .hasMessageContaining("payments.enabled").hasMessageContaining("has no payments");
    }

    @Test
    void a_warehouse_order_shipped_in_full_reads_as_one_shipment_of_its_lines_with_the_tracking_number() {
        requiresWarehouse();
        requires(Capability.FULFILMENT);
        String ref = externalRef("wms-ship");
        DocumentRef created = documents().createSalesOrder(order(null, ref,
                List.of(line(1, knownItem(), "2", "10.00", "0")), money("0"), List.of()));

        shipInFull(created, "TRACK-" + run);

        assertThat(fulfilment().orders(List.of(created.id()))).singleElement().satisfies(o -> {
            assertThat(o.state()).isEqualTo(DocumentState.SHIPPED);
            assertThat(o.shipments()).singleElement().satisfies(s -> {
                assertThat(s.shipped()).isTrue();
                assertThat(s.trackingNumbers()).containsExactly("TRACK-" + run);
                assertThat(s.lines()).singleElement().satisfies(l -> {
                    assertThat(l.storeLineRef()).isEqualTo("901");
                    assertThat(l.sku()).isEqualTo(knownItem());
                    assertThat(l.quantity()).isEqualByComparingTo("2");
                });
            });
        });
        assertThat(fulfilment().changedSince("BC-contract-wms-ship-", java.time.Instant.EPOCH))
                .extracting(BackOfficeOrder::id).contains(created.id());
    }

    @Test
    void a_shipped_warehouse_order_cannot_be_cancelled_and_says_so() {
        requiresWarehouse();
        String ref = externalRef("wms-late-cancel");
        DocumentRef created = documents().createSalesOrder(order(null, ref,
                List.of(line(1, knownItem(), "1", "10.00", "0")), money("0"), List.of()));
        shipInFull(created, "TRACK-" + run);

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> documents().cancelSalesOrder(created));

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains(created.id()).contains("shipped");
        assertThat(read(created).state()).isEqualTo(DocumentState.SHIPPED);
    }
}
