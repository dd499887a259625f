package com.bcerp.sandbox.uniconta;

import com.bcerp.sandbox.http.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uniconta's "Change URL" (Modification URL) webhooks ([U-HOOK], [U-HOOK-EN]; erp-apis.md §2.3): per table, or for
 * every master-data table, Uniconta calls a URL when a record is created, updated or deleted, "with information about
 * Company, Table, Key, RowId and Operation"; watching {@code InvItemStorage} reports stock changes; with the "Post"
 * option (version 93) the record itself comes as JSON in the body. Off until a URL is added.
 *
 * <p>Guesses: the parameters are a query string {@code ?CompanyId=..&Table=..&RowId=..&Key=..&Operation=..} (the
 * vendor's example separates them with "?", taken here as a typo); without "Post" the call is a GET, with it a POST;
 * no signature (UNCONFIRMED, §2.3); one attempt per change, no retry; calls leave after the write commits, in order per
 * subscription but without waiting for the receiver.
 */
public final class ChangeNotifier {

    private static final Logger log = LoggerFactory.getLogger(ChangeNotifier.class);

    /** One configured Change URL: {@code table} null watches every master-data table. */
    public record Subscription(String url, String table, boolean post) {}

    private final long companyId;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "uniconta-change-url");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    ChangeNotifier(long companyId) {
        this.companyId = companyId;
    }

    /** Adds a Change URL for one table ({@code Debtor}, {@code InvItem}, {@code InvItemStorage}) or all (null). */
    public ChangeNotifier add(String url, String table, boolean post) {
        subscriptions.add(new Subscription(url, table, post));
        return this;
    }

    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    public void clear() {
        subscriptions.clear();
    }

    /** Calls answered 2xx so far. */
    public int delivered() {
        return delivered.get();
    }

    /** Calls that failed (refused, non-2xx, unreachable) so far. */
    public int failed() {
        return failed.get();
    }

    void publish(List<Change> changes) {
        if (subscriptions.isEmpty()) {
            return;
        }
        for (Change change : changes) {
            for (Subscription s : subscriptions) {
                if (s.table() == null || s.table().equals(change.table())) {
                    sender.execute(() -> send(s, change));
                }
            }
        }
    }

    private void send(Subscription s, Change change) {
        String query = "CompanyId=" + companyId + "&Table=" + enc(change.table()) + "&RowId=" + change.rowId()
                + "&Key=" + enc(change.key()) + "&Operation=" + change.operation();
        URI uri = URI.create(s.url() + (s.url().contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (s.post()) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(change.record())));
        } else {
            request.GET();
        }
        try {
            HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            (r.statusCode() / 100 == 2 ? delivered : failed).incrementAndGet();
        } catch (java.io.IOException e) {
            failed.incrementAndGet();
            log.debug("change notification to {} failed: {}", s.url(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.incrementAndGet();
        }
    }

    void close() {
        sender.shutdownNow();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
