package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.bcerp.bigcommerce.webhook.WebhookPayloads;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.port.SyncState;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming for a worker, run once before the snapshot: a batch of one store event decoded (not handled),
 * a read of the audit trail (DynamoDB) and a read of an order that does not exist (BigCommerce), so a restored
 * worker starts with its classes loaded and its clients built. It writes nothing: no claim, no audit record, no
 * document. Acumatica is not primed: signing in would rotate the stored refresh token and take a licence session.
 * A failure here is logged and the snapshot is taken anyway.
 */
public final class WorkerPriming implements Resource {

    private static final Logger log = LoggerFactory.getLogger(WorkerPriming.class);
    private static final String EVENT = """
            {"scope":"store/order/created","store_id":"1","producer":"stores/priming","hash":"priming",\
            "created_at":0,"data":{"type":"order","id":0}}""";

    private final SyncState state;
    private final Storefront store;

    public WorkerPriming(SyncState state, Storefront store) {
        this.state = state;
        this.store = store;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: secrets are re-read past their cache age, connections are re-opened on demand
    }

    /** @return whether every step ran */
    public boolean prime() {
        try {
            SQSMessage message = new SQSMessage();
            message.setMessageId("priming");
            message.setBody(EVENT);
            message.setAttributes(Map.of("MessageGroupId", "priming"));
            SqsBatch.process(List.of(message), m -> WebhookPayloads.parse(m.getBody()));
            state.history("priming#snapstart");
            store.order(0);
            log.info("SnapStart priming: event decoding, the audit table and the store API were read");
            return true;
        } catch (RuntimeException e) {
            log.warn("SnapStart priming did not complete ({}); the snapshot is taken without it", e.toString());
            return false;
        }
    }
}
