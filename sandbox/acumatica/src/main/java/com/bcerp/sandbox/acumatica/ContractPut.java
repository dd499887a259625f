package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.records.EntityBook;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A PUT of a top-level entity, as the contract-based API does it for every entity: the record is found by its
 * {@code id} or its keys; {@code If-None-Match}/{@code If-Match} are checked; the request is merged into a copy
 * ({@link EntityMerge}); the keys of a stored record do not change; field errors refuse the write (422: the entity
 * echoed with the errors inside its fields and "Inserting/Updating '...' record raised at least one error" on the
 * record); an accepted record gets its creation fields when new, its derived fields, and an {@code id} for every
 * linked and detail entity. Each book says what is particular to its entity.
 */
abstract class ContractPut implements EntityBook.Upsert<ObjectNode, PutResult> {

    private final ObjectNode request;
    private final Precondition precondition;
    private final Shape shape;
    private final String displayName;
    private final List<String> keyFields;

    /**
     * @param displayName the entity's name in the record-level error, e.g. "Sales Order"
     * @param keyFields   the fields that make the record's keys, kept from the stored record on an update
     */
    ContractPut(ObjectNode request, Precondition precondition, Shape shape, String displayName, List<String> keyFields) {
        this.request = request;
        this.precondition = precondition;
        this.shape = shape;
        this.displayName = displayName;
        this.keyFields = keyFields;
    }

    /** The stored record the request's keys name (the {@code id} was looked up first). */
    abstract Optional<ObjectNode> byKeys(EntityBook<ObjectNode> book, JsonNode request);

    /** Defaults needed before validation (e.g. the order type). */
    void defaults(ObjectNode candidate) {}

    /** Marks every field at fault inside the candidate. */
    abstract void validate(ObjectNode candidate, Optional<ObjectNode> existing, FieldErrors errors);

    /** What a refused insert shows in place of the number it would have had (e.g. OrderNbr {@code <NEW>}). */
    void refusedInsert(ObjectNode candidate) {}

    /** Numbers and creation fields of a new record. */
    abstract void inserted(ObjectNode candidate);

    /** Derived fields and the modification time. */
    abstract void compute(ObjectNode candidate);

    @Override
    public final Optional<ObjectNode> find(EntityBook<ObjectNode> book) {
        Optional<ObjectNode> found = Optional.ofNullable(request.get("id")).map(JsonNode::asText)
                .flatMap(id -> book.find(r -> id.equalsIgnoreCase(r.path("id").asText())))
                .or(() -> byKeys(book, request));
        precondition.check(found.isPresent());
        return found;
    }

    @Override
    public final ObjectNode blank() {
        return Values.object();
    }

    @Override
    public final Optional<PutResult> apply(ObjectNode candidate, Optional<ObjectNode> existing) {
        EntityMerge.merge(candidate, request, shape);
        existing.ifPresent(e -> keyFields.forEach(k -> candidate.set(k, e.get(k)))); // keys do not change
        defaults(candidate);
        FieldErrors errors = new FieldErrors();
        validate(candidate, existing, errors);
        if (!errors.any()) {
            return Optional.empty();
        }
        if (existing.isEmpty()) {
            refusedInsert(candidate);
        }
        candidate.put("error", FieldErrors.summary(existing.isPresent() ? "Updating" : "Inserting", displayName));
        return Optional.of(PutResult.rejected(candidate));
    }

    @Override
    public final void complete(ObjectNode candidate, Optional<ObjectNode> existing) {
        if (existing.isEmpty()) {
            inserted(candidate);
        }
        compute(candidate);
        EntityMerge.assignIds(candidate, shape);
    }

    @Override
    public final PutResult stored(ObjectNode copy) {
        return PutResult.stored(copy);
    }
}
