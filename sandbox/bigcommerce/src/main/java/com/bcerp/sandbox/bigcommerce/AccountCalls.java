package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.calls.CallLog;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests each API account made, in total and per endpoint ({@code "GET /v2/orders/{order_id}"}), counted whatever
 * the answer (a 429 costs the caller a request too): the store's call log read per account, as BigCommerce counts
 * per account. Accounts are named by their access token here, as the connector knows them. The source of
 * calls-per-order figures.
 */
public final class AccountCalls {

    private final CallLog log;
    private final Map<String, ApiAccount> accountsByToken;

    AccountCalls(CallLog log, Map<String, ApiAccount> accountsByToken) {
        this.log = log;
        this.accountsByToken = accountsByToken;
    }

    /** Requests made with this access token. */
    public long total(String token) {
        ApiAccount account = accountsByToken.get(token);
        return account == null ? 0 : log.total(account.name());
    }

    /** Requests made by every account. */
    public long total() {
        return log.total();
    }

    /** Requests made with this access token per endpoint, sorted by endpoint. */
    public Map<String, Long> byEndpoint(String token) {
        Map<String, Long> counts = new TreeMap<>();
        ApiAccount account = accountsByToken.get(token);
        if (account != null) {
            log.byRoute(account.name()).forEach((endpoint, n) -> counts.put(endpoint, n.longValue()));
        }
        return counts;
    }

    public void reset() {
        log.reset();
    }
}
