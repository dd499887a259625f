package com.bcerp.core.port;

import com.bcerp.core.sync.Link;
import java.util.List;

/**
 * The link table: per store order and back office, what the connector posted there. A link is written pending
 * before each create and completed with the back office's id when the create answers, so "what did I post for store
 * order N" is answered without searching the back office; the back office's own search is needed only for a pending
 * link (a crash or timeout between the write and its answer) or an order posted before links existed.
 *
 * @implNote {@code owner} names the store order and the back office (see {@link com.bcerp.core.order.OrderLedger#owner})
 */
public interface Links {

    /** Every link of the owner, pending ones included; empty when nothing was ever linked. */
    List<Link> linksOf(String owner);

    /** Records that a create of this document is about to be sent. */
    void pending(String owner, Link link);

    /** Records the back office's id of a document (after its create answered, or once found by a search). */
    void complete(String owner, Link link);

    /** Drops a pending link whose create certainly wrote nothing (the back office refused it). */
    void forget(String owner, String ref);
}
