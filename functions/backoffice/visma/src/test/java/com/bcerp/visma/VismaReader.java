package com.bcerp.visma;

import com.bcerp.sandbox.visma.VismaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tests' own view of the Visma sandbox, through its HTTP API with a token of its own (never through the adapter
 * under test): what a person checking the company in Visma would see, and what its bookkeeper records there.
 */
final class VismaReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final VismaSandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    VismaReader(VismaSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** GET of one record; empty on 404. */
    Optional<JsonNode> get(String path) {
        HttpResponse<String> r = send(path);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return Optional.of(parse(r.body()));
    }

    JsonNode order(String number) {
        return get("/v1/salesorder/SO/" + number).orElseThrow(() -> new AssertionError("no Visma order " + number));
    }

    /** Every element of a list (pages of 1000). */
    List<JsonNode> list(String path, String query) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> r = send(path + "?" + (query.isEmpty() ? "" : query + "&") + "pageNumber=" + page
                    + "&pageSize=1000");
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
            }
            JsonNode rows = parse(r.body());
            rows.forEach(out::add);
            if (rows.size() < 1000) {
                return out;
            }
        }
    }

    /**
     * The bookkeeper records the customer's bank transfer against the invoice: a customer payment with an invoice line
     * ({@code paymentLines}), then released (§10.1.5); returns the payment's number.
     */
    String payInvoice(String customer, String invoice, BigDecimal amount, String paymentRef) {
        String body = "{\"type\":{\"value\":\"Payment\"},\"customer\":{\"value\":\"" + customer + "\"},"
                + "\"applicationDate\":{\"value\":\"" + java.time.LocalDate.now() + "T00:00:00\"},"
                + "\"cashAccount\":{\"value\":\"1920\"},\"paymentAmount\":{\"value\":" + amount.toPlainString() + "},"
                + "\"paymentRef\":{\"value\":\"" + paymentRef + "\"},\"paymentLines\":[{\"operation\":\"Insert\","
                + "\"documentType\":{\"value\":\"Invoice\"},\"refNbr\":{\"value\":\"" + invoice + "\"},"
                + "\"amountPaid\":{\"value\":" + amount.toPlainString() + "}}]}";
        HttpResponse<String> created = post("/v1/customerPayment", body);
        String location = created.headers().firstValue("Location").orElse(null);
        if (created.statusCode() != 201 || location == null) {
            throw new IllegalStateException("POST /v1/customerPayment -> " + created.statusCode() + ": " + created.body());
        }
        String number = location.substring(location.lastIndexOf('/') + 1);
        HttpResponse<String> released = post("/v1/customerPayment/" + number + "/action/release",
                "{\"type\":{\"value\":\"Payment\"}}");
        if (released.statusCode() != 200) {
            throw new IllegalStateException("release of payment " + number + " -> " + released.statusCode() + ": "
                    + released.body());
        }
        return number;
    }

    private HttpResponse<String> post(String path, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                    .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sales orders carrying this customerRefNo (read client-side: Visma has no such filter). */
    List<JsonNode> ordersWithRef(String customerRefNo) {
        return list("/v1/salesorder", "orderType=SO").stream()
                .filter(o -> customerRefNo.equals(o.path("customerRefNo").asText())).toList();
    }

    private HttpResponse<String> send(String pathAndQuery) {
        HttpResponse<String> r = once(pathAndQuery);
        if (r.statusCode() == 401) {
            // the test expired every token
            synchronized (this) {
                token = null;
            }
            r = once(pathAndQuery);
        }
        return r;
    }

    private HttpResponse<String> once(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                    .header("Authorization", "Bearer " + token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null) {
            VismaSandbox.Settings s = sandbox.settings();
            String form = "grant_type=client_credentials&client_id=" + enc(s.clientId()) + "&client_secret="
                    + enc(s.clientSecret()) + "&tenant_id=" + enc(s.tenantId()) + "&scope="
                    + enc("vismanet_erp_service_api:read vismanet_erp_service_api:create");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sandbox.tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            token = parse(r.body()).path("access_token").asText();
        }
        return token;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
