package com.bcerp.core.order;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documents that bring the back office in line with an edited store order: the store's order as it is now (the
 * sales order it would make today) against what the sales order and earlier edit documents hold, line by line
 * (each back-office line carries the store's line id).
 *
 * <ul>
 *   <li>a line whose quantity went up: an added sale for the extra quantity;</li>
 *   <li>a line whose quantity went down, or that was removed: a credit for that quantity;</li>
 *   <li>each at the amount the line's value changed by (BigCommerce drops a changed line's discounts, so the
 *       amount, not only the quantity, is taken from the store);</li>
 *   <li>charges, freight and taxes that changed: on the added sale when they went up, on the credit when down;</li>
 *   <li>lines whose quantity did not change are left alone.</li>
 * </ul>
 * The documents together move the back office by exactly what the store's total moved by; a rounding difference
 * within the tolerance is an explicit line, a larger one (a price or discount changed on an unchanged line) parks.
 */
final class OrderEditPlanner {

    /** Zero, one or two documents: added sale first. */
    record Plan(List<SalesOrderDraft> documents) {
        boolean isEmpty() {
            return documents.isEmpty();
        }
    }

    /** Where a store line (or charge) stands: quantity and amount, net of sales and credits. */
    private static final class Position {
        String item;
        String description;
        String source;
        BigDecimal quantity = BigDecimal.ZERO;
        Money amount;
        Money unitPrice;
        String unit;
        List<String> taxIds = List.of();

        Position(String currency) {
            amount = Money.zero(currency);
        }
    }

    private final SalesOrderMapper mapper;

    OrderEditPlanner(SalesOrderMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param desired the sales order the store's order makes now
     * @param posted  the sales order and earlier edit documents (none cancelled)
     * @param sale    the sales order, which the edit documents are linked to
     */
    Plan plan(StoreOrder order, SalesOrderDraft desired, List<PostedDocument> posted, PostedDocument sale,
            int nextEditNumber) {
        String currency = order.currency();
        Map<String, Position> want = new LinkedHashMap<>();
        for (DraftLine line : desired.lines()) {
            if (line.storeLineRef() != null && !SalesOrderMapper.ROUNDING_REF.equals(line.storeLineRef())) {
                Position p = want.computeIfAbsent(line.storeLineRef(), r -> new Position(currency));
                p.item = line.itemId();
                p.description = line.description();
                p.source = line.source();
                p.quantity = p.quantity.add(line.quantity());
                p.amount = p.amount.plus(line.amount(mapper.arithmetic()));
                p.unitPrice = line.unitPrice();
                p.unit = line.unit();
            }
        }
        Map<String, Position> have = new LinkedHashMap<>();
        Money postedFreight = Money.zero(currency);
        Map<String, TaxLine> postedTaxes = new LinkedHashMap<>();
        Money postedTotal = Money.zero(currency);
        for (PostedDocument doc : posted) {
            BigDecimal sign = BigDecimal.valueOf(doc.kind().sign());
            postedTotal = postedTotal.plus(doc.ref().total().times(sign));
            postedFreight = postedFreight.plus(doc.freight().times(sign));
            for (TaxLine tax : byTaxId(doc, desired, currency)) {
                postedTaxes.merge(tax.taxId(), signed(tax, sign), OrderEditPlanner::sum);
            }
            for (PostedDocument.PostedLine line : doc.lines()) {
                if (line.storeLineRef() == null || SalesOrderMapper.ROUNDING_REF.equals(line.storeLineRef())) {
                    continue;
                }
                Position p = have.computeIfAbsent(line.storeLineRef(), r -> new Position(currency));
                p.item = p.item == null ? line.itemId() : p.item;
                p.unitPrice = p.unitPrice == null ? line.unitPrice() : p.unitPrice;
                p.taxIds = p.taxIds.isEmpty() ? line.taxIds() : p.taxIds;
                p.quantity = p.quantity.add(line.quantity().multiply(sign));
                p.amount = p.amount.plus(line.amount().times(sign));
            }
        }

        List<DraftLine> added = new ArrayList<>();
        List<DraftLine> removed = new ArrayList<>();
        List<String> refs = new ArrayList<>(want.keySet());
        have.keySet().stream().filter(r -> !want.containsKey(r)).forEach(refs::add);
        for (String ref : refs) {
            Position w = want.get(ref);
            Position h = have.get(ref);
            BigDecimal dq = (w == null ? BigDecimal.ZERO : w.quantity).subtract(h == null ? BigDecimal.ZERO : h.quantity);
            Money da = (w == null ? Money.zero(currency) : w.amount).minus(h == null ? Money.zero(currency) : h.amount);
            if (!ref.chars().allMatch(Character::isDigit)) {
                // a charge (handling, wrapping, a fee): its amount changed
                if (da.amount().signum() != 0) {
                    Position p = w != null ? w : h;
                    DraftLine line = new DraftLine(p.item, w != null ? w.description : "Charge removed", BigDecimal.ONE,
                            new Money(da.amount().abs(), currency), Money.zero(currency), ref, order.describe() + " " + ref,
                            taxIds(ref, w, h, desired));
                    (da.amount().signum() > 0 ? added : removed).add(line);
                }
                continue;
            }
            if (dq.signum() == 0) {
                continue;
            }
            BigDecimal quantity = dq.abs();
            Money unitPrice = dq.signum() > 0 || h == null || h.unitPrice == null ? w.unitPrice : h.unitPrice;
            Money gross = unitPrice.times(quantity).toCents();
            Money target = new Money(da.amount().abs(), currency);
            Money discount = Money.zero(currency);
            if (da.amount().signum() == dq.signum() && target.amount().compareTo(gross.amount()) <= 0) {
                discount = gross.minus(target);
            } else if (da.amount().signum() == dq.signum()) {
                unitPrice = mapper.unitPrice(new Money(target.amount().divide(quantity, 8, RoundingMode.HALF_UP), currency));
            }
            String item = w != null ? w.item : h.item;
            String description = w != null ? w.description : "Removed by an order edit";
            String source = w != null ? w.source : order.describe() + " line id " + ref;
            // quantities on both sides are in the back-office unit; a line the order no longer has keeps its SKU's
            String unit = w != null ? w.unit : mapper.units().unitOf(item);
            (dq.signum() > 0 ? added : removed).add(new DraftLine(item, description, quantity, unitPrice, discount, ref,
                    source, taxIds(ref, w, h, desired), unit));
        }
        Money freightChange = desired.freight().minus(postedFreight);
        Money addedBase = added.stream().map(l -> l.amount(mapper.arithmetic())).reduce(Money.zero(currency), Money::plus)
                .plus(freightChange.amount().signum() > 0 ? freightChange : Money.zero(currency));
        Money removedBase = removed.stream().map(l -> l.amount(mapper.arithmetic())).reduce(Money.zero(currency), Money::plus)
                .plus(freightChange.amount().signum() < 0 ? freightChange.negate() : Money.zero(currency));
        Map<String, TaxLine> wantTaxes = new LinkedHashMap<>();
        for (TaxLine tax : desired.taxes()) {
            wantTaxes.merge(tax.taxId(), tax, OrderEditPlanner::sum);
        }
        List<String> taxIds = new ArrayList<>(wantTaxes.keySet());
        postedTaxes.keySet().stream().filter(id -> !wantTaxes.containsKey(id)).forEach(taxIds::add);
        TaxLine none = new TaxLine(null, null, Money.zero(currency), Money.zero(currency));
        Money desiredBase = desired.lines().stream().filter(l -> !SalesOrderMapper.ROUNDING_REF.equals(l.storeLineRef()))
                .map(l -> l.amount(mapper.arithmetic())).reduce(desired.freight().toCents(), Money::plus);
        Money postedBase = postedTotal.minus(postedTaxes.values().stream().map(TaxLine::amount)
                .reduce(Money.zero(currency), Money::plus));
        List<TaxLine> addedTaxes = new ArrayList<>();
        List<TaxLine> removedTaxes = new ArrayList<>();
        // what each tax id is charged on: its own lines (and the freight under it), at the store's rate on them; a
        // rate over the whole order would take too little of one id back and some of another whose lines did not move
        // only where every line (and freight) that moved says its tax ids: a back office that reads lines back without
        // them (Acumatica's) keeps the whole order's rate, which then spreads the same over every line
        boolean idsKnown = java.util.stream.Stream.concat(added.stream(), removed.stream())
                .allMatch(l -> !l.taxIds().isEmpty()) && (freightChange.isZero() || !desired.freightTaxIds().isEmpty());
        Map<String, BigDecimal> idRates = idsKnown ? ratesById(desired) : Map.of();
        Map<String, Money> removedById = baseById(removed, freightChange.amount().signum() < 0 ? freightChange.negate()
                : Money.zero(currency), desired.freightTaxIds());
        Map<String, Money> addedById = baseById(added, freightChange.amount().signum() > 0 ? freightChange
                : Money.zero(currency), desired.freightTaxIds());
        for (String taxId : taxIds) {
            TaxLine w = wantTaxes.getOrDefault(taxId, none);
            TaxLine h = postedTaxes.getOrDefault(taxId, none);
            Money change = w.amount().minus(h.amount());
            // the credit carries the tax of what it takes back, at the order's own rate for this tax id; the added
            // sale the rest of the change, so together they move the tax by exactly the store's change. A tax id
            // the order's lines no longer carry keeps the whole order's posted rate.
            boolean own = idRates.containsKey(taxId);
            BigDecimal rate = own ? idRates.get(taxId)
                    : rate(w.amount(), desiredBase).orElseGet(() -> rate(h.amount(), postedBase).orElse(BigDecimal.ZERO));
            Money removedUnder = own ? removedById.getOrDefault(taxId, Money.zero(currency)) : removedBase;
            Money addedUnder = own ? addedById.getOrDefault(taxId, Money.zero(currency)) : addedBase;
            Money creditTax = removedUnder.times(rate).toCents();
            Money saleTax = change.plus(creditTax);
            if (saleTax.amount().signum() < 0) {
                creditTax = creditTax.minus(saleTax);
                saleTax = Money.zero(currency);
            }
            BigDecimal taxRate = w.rate() != null ? w.rate() : h.rate();
            if (!saleTax.isZero()) {
                addedTaxes.add(new TaxLine(taxId, taxRate, taxable(saleTax, rate, addedUnder), saleTax));
            }
            if (!creditTax.isZero()) {
                removedTaxes.add(new TaxLine(taxId, taxRate, taxable(creditTax, rate, removedUnder), creditTax));
            }
        }
        Money expectedChange = order.totalIncTax().toCents().minus(postedTotal);
        boolean linesOrFreightMoved = !added.isEmpty() || !removed.isEmpty() || freightChange.amount().signum() != 0;
        if (!linesOrFreightMoved && expectedChange.amount().abs().compareTo(mapper.settings().roundingTolerance()) <= 0) {
            // nothing the store sells changed and the totals agree: a tax difference within the tolerance is the back
            // office's own reckoning (VAT on the sum where the store taxes per line), already settled on its
            // rounding line when the order was posted, not an edit
            return new Plan(List.of());
        }
        boolean anyAdded = !added.isEmpty() || freightChange.amount().signum() > 0 || !addedTaxes.isEmpty();
        boolean anyRemoved = !removed.isEmpty() || freightChange.amount().signum() < 0 || !removedTaxes.isEmpty();
        if (!anyAdded && !anyRemoved) {
            if (expectedChange.amount().abs().compareTo(mapper.settings().roundingTolerance()) > 0) {
                throw unexplained(order, expectedChange);
            }
            return new Plan(List.of());
        }
        int number = nextEditNumber;
        Optional<SalesOrderDraft> addedSale = anyAdded ? Optional.of(document(desired, sale, DocumentKind.SALE, number++, added,
                freightChange.amount().signum() > 0 ? freightChange : Money.zero(currency), addedTaxes,
                "Order edit of BigCommerce order " + order.id() + ": added")) : Optional.empty();
        Optional<SalesOrderDraft> credit = anyRemoved ? Optional.of(document(desired, sale, DocumentKind.CREDIT, number,
                removed, freightChange.amount().signum() < 0 ? freightChange.negate() : Money.zero(currency),
                removedTaxes, "Order edit of BigCommerce order " + order.id() + ": removed")) : Optional.empty();

        Money moved = addedSale.map(d -> d.total(mapper.arithmetic())).orElse(Money.zero(currency))
                .minus(credit.map(d -> d.total(mapper.arithmetic())).orElse(Money.zero(currency)));
        Money residual = expectedChange.minus(moved);
        if (residual.amount().abs().compareTo(mapper.settings().roundingTolerance()) > 0) {
            throw unexplained(order, residual);
        }
        if (!residual.isZero()) {
            if (addedSale.isPresent() && (residual.amount().signum() > 0 || credit.isEmpty())) {
                addedSale = addedSale.map(d -> withRounding(d, residual));
            } else {
                credit = credit.map(d -> withRounding(d, residual.negate()));
            }
        }
        List<SalesOrderDraft> documents = new ArrayList<>();
        addedSale.ifPresent(documents::add);
        credit.ifPresent(documents::add);
        return new Plan(documents);
    }

    /**
     * A posted document's taxes by tax id. A back office that reads a document's tax back as one sum without a tax id
     * (Visma.net's {@code taxTotal}, when the lines are in several VAT categories) has it split over the tax ids its
     * lines carry, each id's share the posted lines' base under it at the store order's own rate for that id, and the
     * cents left over on the largest share. Left as one sum, the edit would compare the store's taxes by id with a tax
     * under none: an added sale of tax alone, and a credit of all the tax posted (a total the back office cannot
     * reckon, so the edit parks).
     */
    private List<TaxLine> byTaxId(PostedDocument doc, SalesOrderDraft desired, String currency) {
        List<TaxLine> out = new ArrayList<>();
        if (doc.taxes().stream().allMatch(t -> t.taxId() != null)) {
            return doc.taxes();
        }
        Map<String, BigDecimal> rates = ratesById(desired);
        for (TaxLine tax : doc.taxes()) {
            if (tax.taxId() != null) {
                out.add(tax);
                continue;
            }
            Map<String, Money> base = new LinkedHashMap<>();
            for (PostedDocument.PostedLine line : doc.lines()) {
                line.taxIds().stream().filter(rates::containsKey).forEach(id -> base.merge(id, line.amount(), Money::plus));
            }
            desired.freightTaxIds().stream().filter(rates::containsKey)
                    .forEach(id -> base.merge(id, doc.freight(), Money::plus));
            if (base.isEmpty()) {
                out.add(tax);
                continue;
            }
            Map<String, Money> shares = new LinkedHashMap<>();
            base.forEach((id, b) -> shares.put(id, b.times(rates.get(id)).toCents()));
            Money left = tax.amount().minus(shares.values().stream().reduce(Money.zero(currency), Money::plus));
            String largest = shares.entrySet().stream().max(java.util.Comparator.comparing(e -> e.getValue().amount()))
                    .orElseThrow().getKey();
            shares.merge(largest, left, Money::plus);
            shares.forEach((id, amount) -> out.add(new TaxLine(id, null, base.get(id), amount)));
        }
        return out;
    }

    /** The base of these lines, and of the freight under the freight's tax ids, by tax id. */
    private Map<String, Money> baseById(List<DraftLine> lines, Money freight, List<String> freightTaxIds) {
        Map<String, Money> base = new LinkedHashMap<>();
        for (DraftLine line : lines) {
            line.taxIds().forEach(id -> base.merge(id, line.amount(mapper.arithmetic()), Money::plus));
        }
        if (!freight.isZero()) {
            freightTaxIds.forEach(id -> base.merge(id, freight, Money::plus));
        }
        return base;
    }

    /** The store order's own rate for each tax id: its tax under the id over the base of its lines and freight under it. */
    private Map<String, BigDecimal> ratesById(SalesOrderDraft desired) {
        String currency = desired.currency();
        Map<String, Money> base = new LinkedHashMap<>();
        for (DraftLine line : desired.lines()) {
            if (!SalesOrderMapper.ROUNDING_REF.equals(line.storeLineRef())) {
                line.taxIds().forEach(id -> base.merge(id, line.amount(mapper.arithmetic()), Money::plus));
            }
        }
        desired.freightTaxIds().forEach(id -> base.merge(id, desired.freight(), Money::plus));
        Map<String, Money> taxes = new LinkedHashMap<>();
        desired.taxes().forEach(t -> taxes.merge(t.taxId(), t.amount(), Money::plus));
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        base.forEach((id, b) -> rate(taxes.getOrDefault(id, Money.zero(currency)), b).ifPresent(r -> rates.put(id, r)));
        return rates;
    }

    /** Tax per unit of base: the order's effective rate for one tax id. */
    private static Optional<BigDecimal> rate(Money tax, Money base) {
        return base.amount().signum() == 0 ? Optional.empty()
                : Optional.of(tax.amount().divide(base.amount(), 12, RoundingMode.HALF_UP));
    }

    /** What a document's tax was charged on: the tax at its rate, or the document's base when the rate is unknown. */
    private static Money taxable(Money tax, BigDecimal rate, Money base) {
        return rate.signum() == 0 ? base : new Money(tax.amount().divide(rate, 2, RoundingMode.HALF_UP), tax.currency());
    }

    private static TaxLine signed(TaxLine tax, BigDecimal sign) {
        return new TaxLine(tax.taxId(), tax.rate(), tax.taxable().times(sign), tax.amount().times(sign));
    }

    private static TaxLine sum(TaxLine a, TaxLine b) {
        return new TaxLine(a.taxId(), a.rate() != null ? a.rate() : b.rate(), a.taxable().plus(b.taxable()),
                a.amount().plus(b.amount()));
    }

    /** A changed line is taxed as the store's order taxes it now; one the order no longer has, as it was posted. */
    private static List<String> taxIds(String ref, Position want, Position have, SalesOrderDraft desired) {
        return want != null || have == null ? desired.taxIdsOf(ref) : have.taxIds;
    }

    private SalesOrderDraft withRounding(SalesOrderDraft draft, Money difference) {
        List<DraftLine> lines = new ArrayList<>(draft.lines());
        lines.add(mapper.roundingLine(difference));
        return draft.withLines(lines);
    }

    private static SalesOrderDraft document(SalesOrderDraft desired, PostedDocument sale, DocumentKind kind, int number,
            List<DraftLine> lines, Money freight, List<TaxLine> taxes, String description) {
        return new SalesOrderDraft(kind, OrderDocuments.editRef(desired.externalRef(), number), desired.customerOrder(),
                sale.customerId(), desired.date(), desired.currency(), desired.currencyRate(), sale.branch(), description,
                lines, freight, taxes, desired.billTo(), desired.shipTo(), desired.shipVia(), null, sale.ref(),
                desired.freightTaxIds());
    }

    private static PermanentFailure unexplained(StoreOrder order, Money difference) {
        return new PermanentFailure("total_inc_tax", order.describe() + " was edited so that its total moved by "
                + difference + " more than its quantities, charges and taxes explain (a price or discount changed on a"
                + " line whose quantity did not); post that change by hand");
    }
}
