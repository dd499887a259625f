package com.bcerp.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.BackOffice;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BackOffice} adapter must do, asserted through the port only, so that core can rely on the same
 * outcomes whichever back office is behind it. An adapter's test extends this class, wires the adapter to its
 * sandbox, and names a few facts of the sandbox's catalogue. Every test makes its own references, so a sandbox may be
 * shared by all of them.
 *
 * <p>Failure contract: a mapping problem is a {@link PermanentFailure} whose {@code field()} names the field, with the
 * draft line's zero-based index in brackets when a line is at fault (e.g. {@code Details[1].InventoryID}), and whose
 * message carries the line's {@link DraftLine#source()} so ops can find the store record.
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
        return SalesOrderDraft.sale(externalRef, "CO-" + run, customerId, LocalDate.of(2026, 3, 1), currency(),
                "Contract order " + run, lines, freight, taxes, address("Billing"), address("Shipping"), null, null);
    }

    /** A document of another kind, linked to {@code original}. */
    protected SalesOrderDraft linked(DocumentKind kind, SalesOrderDraft base, String externalRef, DocumentRef original,
            List<DraftLine> lines) {
        return new SalesOrderDraft(kind, externalRef, base.customerOrder(), base.customerId(), base.date(),
                base.currency(), null, null, "Contract " + kind + " " + run, lines, money("0"), List.of(), base.billTo(),
                base.shipTo(), null, null, original);
    }

    /** A branch of the back office's (company unit) documents may be routed to. */
    protected abstract String branch();

    /** A payment method the back office accepts. */
    protected abstract String paymentMethod();

    /** A well-formed id of a sales order the back office does not have. */
    protected abstract String missingDocumentId(String run);

    private Optional<PostedDocument> document(String externalRef) {
        return backOffice().findOrderDocuments(externalRef).stream().filter(d -> d.externalRef().equals(externalRef))
                .findFirst();
    }

    private String newCustomer() {
        return backOffice().createCustomer(customer("contract." + run + "@example.com"));
    }

    private String externalRef(String what) {
        return "BC-contract-" + what + "-" + run;
    }

    @Test
    void a_created_customer_is_found_by_email() {
        String email = "o'hara." + run + "@example.com";

        String id = backOffice().createCustomer(customer(email));

        assertThat(id).isNotBlank();
        assertThat(backOffice().findCustomerByEmail(email)).contains(id);
    }

    @Test
    void an_unknown_email_finds_no_customer() {
        assertThat(backOffice().findCustomerByEmail("nobody." + run + "@example.com")).isEmpty();
    }

    @Test
    void a_created_sales_order_is_found_by_its_external_reference_with_the_same_total() {
        String ref = externalRef("found");
        SalesOrderDraft draft = order(newCustomer(), ref, List.of(line(1, knownItem(), "2", "12.50", "0")), money("5.00"),
                List.of());

        DocumentRef created = backOffice().createSalesOrder(draft);
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
        SalesOrderDraft draft = order(newCustomer(), externalRef("total"), List.of(
                        line(1, knownItem(), "3", "16.6583", "2.50"),
                        line(2, knownItem(), "1", "19.99", "0"),
                        line(3, anotherKnownItem(), "1", "4.00", "0")),
                money("7.50"),
                List.of(new TaxLine(taxId(), new BigDecimal("8.25"), money("78.96"), money("6.5142"))));

        DocumentRef created = backOffice().createSalesOrder(draft);

        assertThat(draft.total().sameAs(money("85.47"))).as("the draft's own arithmetic: %s", draft.total()).isTrue();
        assertThat(created.total().sameAs(draft.total()))
                .as("back office total %s equals the draft's %s", created.total(), draft.total()).isTrue();
    }

    @Test
    void an_order_without_freight_or_taxes_totals_its_lines() {
        SalesOrderDraft draft = order(newCustomer(), externalRef("plain"), List.of(line(1, knownItem(), "1", "10.00", "1.25")),
                money("0"), List.of());

        assertThat(backOffice().createSalesOrder(draft).total().sameAs(money("8.75"))).isTrue();
    }

    @Test
    void an_unknown_item_is_a_permanent_failure_naming_the_line() {
        String ref = externalRef("unknown-item");
        DraftLine bad = line(2, unknownItem(), "1", "5.00", "0");
        SalesOrderDraft draft = order(newCustomer(), ref,
                List.of(line(1, knownItem(), "1", "5.00", "0"), bad, line(3, knownItem(), "1", "5.00", "0")),
                money("0"), List.of());

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> backOffice().createSalesOrder(draft));

        assertThat(failure).as("an unknown item is a PermanentFailure").isNotNull();
        assertThat(failure.field()).contains("[1]");
        assertThat(failure.getMessage()).contains(bad.source());
        assertThat(backOffice().findOrderDocuments(ref)).as("a rejected order leaves nothing behind").isEmpty();
    }

    @Test
    void an_order_for_an_unknown_customer_is_a_permanent_failure() {
        SalesOrderDraft draft = order("NO-SUCH-CUSTOMER-" + run, externalRef("unknown-customer"),
                List.of(line(1, knownItem(), "1", "5.00", "0")), money("0"), List.of());

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> backOffice().createSalesOrder(draft));

        assertThat(failure).isNotNull();
        assertThat(failure.field()).isNotBlank();
    }

    @Test
    void a_missing_external_reference_is_empty() {
        assertThat(backOffice().findOrderDocuments(externalRef("missing"))).isEmpty();
        assertThat(backOffice().findPayments(externalRef("missing"))).isEmpty();
    }

    @Test
    void a_customer_is_found_by_its_external_reference() {
        String email = "ext." + run + "@example.com";
        String id = backOffice().createCustomer(customer(email));

        assertThat(backOffice().findCustomerByExternalRef("BC-contract-customer-" + run)).contains(id);
        assertThat(backOffice().findCustomerByExternalRef("BC-contract-nobody-" + run)).isEmpty();
    }

    @Test
    void credits_and_returns_are_found_with_the_order_by_its_reference_and_keep_their_kind_and_lines() {
        String ref = externalRef("docs");
        SalesOrderDraft sale = order(newCustomer(), ref, List.of(line(1, knownItem(), "3", "10.00", "0")), money("0"),
                List.of());
        DocumentRef original = backOffice().createSalesOrder(sale);

        DocumentRef credit = backOffice().createSalesOrder(linked(DocumentKind.CREDIT, sale, ref + "-R1", original,
                List.of(line(1, knownItem(), "1", "10.00", "0"))));
        DocumentRef returned = backOffice().createSalesOrder(linked(DocumentKind.RETURN, sale, ref + "-R2", original,
                List.of(line(1, knownItem(), "1", "10.00", "1.50"))));

        List<PostedDocument> all = backOffice().findOrderDocuments(ref);
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
        assertThat(backOffice().findOrderDocuments(ref + "-R")).as("a reference is matched whole, or before a dash")
                .isEmpty();
    }

    @Test
    void a_cancelled_sales_order_reads_back_cancelled() {
        String ref = externalRef("cancel");
        DocumentRef created = backOffice().createSalesOrder(order(newCustomer(), ref,
                List.of(line(1, knownItem(), "1", "10.00", "0")), money("0"), List.of()));

        backOffice().cancelSalesOrder(created);

        assertThat(document(ref).orElseThrow().isCancelled()).isTrue();
    }

    @Test
    void a_document_routed_to_a_branch_reads_back_with_it() {
        String ref = externalRef("branch");
        SalesOrderDraft base = order(newCustomer(), ref, List.of(line(1, knownItem(), "1", "10.00", "0")), money("0"),
                List.of());
        backOffice().createSalesOrder(new SalesOrderDraft(base.kind(), ref, base.customerOrder(), base.customerId(),
                base.date(), base.currency(), null, branch(), base.description(), base.lines(), base.freight(),
                base.taxes(), base.billTo(), base.shipTo(), null, null, null));

        assertThat(document(ref).orElseThrow().branch()).isEqualTo(branch());
    }

    @Test
    void a_payment_is_held_released_and_voided_and_read_back_by_its_reference() {
        String ref = externalRef("pay");
        String customer = newCustomer();
        DocumentRef so = backOffice().createSalesOrder(order(customer, ref,
                List.of(line(1, knownItem(), "2", "10.00", "0")), money("0"), List.of()));
        PaymentDraft authorised = new PaymentDraft(ref + "-T1", customer, paymentMethod(), null, money("20.00"),
                LocalDate.of(2026, 3, 1), "gw-1", true, so, null, "Contract payment " + run);

        PostedPayment held = backOffice().createPayment(authorised);
        assertThat(held.onHold()).isTrue();
        assertThat(backOffice().findPayments(ref + "-T")).singleElement().satisfies(p -> {
            assertThat(p.externalRef()).isEqualTo(ref + "-T1");
            assertThat(p.amount().sameAs(money("20.00"))).isTrue();
            assertThat(p.onHold()).isTrue();
        });

        PaymentDraft captured = new PaymentDraft(authorised.externalRef(), customer, paymentMethod(), null,
                money("18.00"), authorised.date(), "gw-1", false, so, null, authorised.description());
        backOffice().updatePayment(held, captured);
        PostedPayment released = backOffice().findPayments(ref + "-T").get(0);
        assertThat(released.onHold()).isFalse();
        assertThat(released.amount().sameAs(money("18.00"))).isTrue();

        backOffice().voidPayment(released);
        assertThat(backOffice().findPayments(ref + "-T")).singleElement().extracting(PostedPayment::isVoided)
                .isEqualTo(true);
    }

    @Test
    void a_payment_for_an_order_that_does_not_exist_is_a_permanent_failure() {
        String customer = newCustomer();
        PaymentDraft draft = new PaymentDraft(externalRef("orphan") + "-T1", customer, paymentMethod(), null,
                money("5.00"), LocalDate.of(2026, 3, 1), "gw", false, new DocumentRef(missingDocumentId(run), money("5")),
                null, "orphan");

        assertThat(catchThrowableOfType(PermanentFailure.class, () -> backOffice().createPayment(draft))).isNotNull();
    }
}
