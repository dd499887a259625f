package com.bcerp.handlers.receiver;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming, run once before the snapshot is taken: the handler's whole path on a delivery it refuses (no
 * signature, so 401 and nothing queued), and a read of the queue's attributes with the receiver's own SQS client.
 * A restored receiver then starts with its classes loaded and its AWS client built. Priming never sends a message:
 * a failure here is logged and the snapshot is taken anyway.
 */
final class ReceiverPriming implements Resource {

    private static final Logger log = LoggerFactory.getLogger(ReceiverPriming.class);

    /** The shape of a BigCommerce delivery, without the headers that would make it authentic. */
    static final String UNSIGNED_DELIVERY = """
            {"scope":"store/order/created","store_id":"1","producer":"stores/priming","hash":"priming",\
            "created_at":0,"data":{"type":"order","id":0}}""";

    private final WebhookReceiverHandler handler;
    private final Runnable readQueue;

    ReceiverPriming(WebhookReceiverHandler handler, Runnable readQueue) {
        this.handler = handler;
        this.readQueue = readQueue;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the secret source re-reads a value older than its cache age
    }

    /** @return the status the refused delivery got (401), or -1 when priming failed */
    int prime() {
        try {
            APIGatewayV2HTTPEvent delivery = APIGatewayV2HTTPEvent.builder()
                    .withRawPath("/webhooks/bigcommerce").withIsBase64Encoded(false)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(UNSIGNED_DELIVERY).build();
            APIGatewayV2HTTPResponse refused = handler.handleRequest(delivery, null);
            readQueue.run();
            log.info("SnapStart priming: a refused delivery answered {}; the queue was read", refused.getStatusCode());
            return refused.getStatusCode();
        } catch (RuntimeException e) {
            log.warn("SnapStart priming did not complete ({}); the snapshot is taken without it", e.toString());
            return -1;
        }
    }
}
