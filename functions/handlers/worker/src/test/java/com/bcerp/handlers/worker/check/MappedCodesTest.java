package com.bcerp.handlers.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.port.ReferenceCodes;
import com.bcerp.core.port.ReferenceCodes.Kind;
import com.bcerp.handlers.worker.check.MappedCodes.Mapped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MappedCodesTest {

    private static final Map<Kind, ReferenceCodes.Listing> ERP = Map.of(
            Kind.TAX_ID, new ReferenceCodes.Listed(Set.of("BCTAX", "STDTAX")),
            Kind.PAYMENT_METHOD, new ReferenceCodes.Listed(Set.of("CARD")),
            Kind.SHIP_VIA, new ReferenceCodes.Listed(Set.of("UPSGROUND")),
            Kind.ORDER_TYPE, new ReferenceCodes.Unreadable("no order type entity"),
            Kind.BRANCH, new ReferenceCodes.NotApplicable("it has no branches"));

    private static List<Finding> check(Mapped... mapped) {
        return MappedCodes.findings("codes", "erp", "acumatica", List.of(mapped), ERP::get);
    }

    @Test
    void everyMappedCodeThatExistsPassesOneLinePerKind() {
        List<Finding> findings = check(Mapped.required("orders.tax_id", Kind.TAX_ID, "BCTAX"),
                Mapped.required("orders.tax_classes.0", Kind.TAX_ID, "STDTAX"),
                Mapped.required("orders.payment_methods.Credit Card", Kind.PAYMENT_METHOD, "CARD"));
        assertThat(findings).extracting(Finding::subject).containsExactly("erp: tax ids", "erp: payment methods");
        assertThat(findings).allMatch(f -> f.status() == Finding.Status.PASS && f.gaps().isEmpty());
        assertThat(findings.get(0).detail()).isEqualTo("all 2 exist: orders.tax_id=BCTAX, orders.tax_classes.0=STDTAX");
    }

    @Test
    void aMissingCodeFailsNamingItsFieldAndCodeAndWhatToDo() {
        List<Finding> findings = check(Mapped.required("orders.tax_id", Kind.TAX_ID, "BCTAX"),
                Mapped.required("orders.tax_classes.4", Kind.TAX_ID, "NOSUCHTAX"),
                Mapped.required("payments.methods[1].payment_method", Kind.PAYMENT_METHOD, "BITCOIN"));
        assertThat(findings).allMatch(f -> f.status() == Finding.Status.FAIL);
        Finding tax = findings.get(0);
        assertThat(tax.detail()).isEqualTo("1 of 2 missing in erp: orders.tax_classes.4=NOSUCHTAX");
        assertThat(tax.action()).contains("create it in acumatica", "BCTAX, STDTAX", "parks");
        assertThat(tax.gaps()).containsExactly("code_missing:erp:orders.tax_classes.4=NOSUCHTAX");
        assertThat(findings.get(1).gaps()).containsExactly("code_missing:erp:payments.methods[1].payment_method=BITCOIN");
    }

    @Test
    void aMissingCodeWhoseMappingIsOnlyNeverUsedWarns() {
        Finding carriers = check(new Mapped("fulfilment.carriers", Kind.SHIP_VIA, "DHL", false)).get(0);
        assertThat(carriers.status()).isEqualTo(Finding.Status.WARN);
        assertThat(carriers.action()).contains("never used");
        // with a required one missing too, it fails
        assertThat(check(new Mapped("fulfilment.carriers", Kind.SHIP_VIA, "DHL", false),
                Mapped.required("orders.ship_via.Flat Rate", Kind.SHIP_VIA, "FLATRATE")).get(0).status())
                .isEqualTo(Finding.Status.FAIL);
    }

    @Test
    void aKindTheBackOfficeDoesNotHaveIsNotApplicableAndOneItCannotListIsNotCheckedNeverPassed() {
        List<Finding> findings = check(Mapped.required("routing.default_branch", Kind.BRANCH, "EU"),
                Mapped.required("deployment.acumatica.order_type", Kind.ORDER_TYPE, "SO"));
        assertThat(findings).extracting(Finding::subject).containsExactly("erp: order types", "erp: branches");
        assertThat(findings).allMatch(f -> f.status() == Finding.Status.NOT_CHECKED && f.gaps().isEmpty());
        assertThat(findings.get(0).detail()).startsWith("not checked: no order type entity")
                .contains("deployment.acumatica.order_type=SO");
        assertThat(findings.get(1).detail()).startsWith("not applicable: it has no branches")
                .contains("routing.default_branch=EU");
    }

    @Test
    void aListThatCannotBeReadWarnsAndNamesTheCodesToCheck() {
        Finding finding = MappedCodes.findings("codes", "erp", "acumatica",
                List.of(Mapped.required("orders.tax_id", Kind.TAX_ID, "BCTAX")), kind -> {
                    throw new IllegalStateException("403 Forbidden");
                }).get(0);
        assertThat(finding.status()).isEqualTo(Finding.Status.WARN);
        assertThat(finding.detail()).contains("403 Forbidden");
        assertThat(finding.action()).contains("orders.tax_id=BCTAX");
    }
}
