package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.http.HttpError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The two error bodies of the Visma.net ERP Service API (erp-apis.md §10.1.1 "Error bodies"):
 * <ol>
 *   <li>{@code {"message": "VismaId: <guid>. <text>"}} for validation and business errors ([V-ONIT-78], [V-ONIT-89],
 *       [V-ONIT-99]); the vendor's file declares no error schema for most operations;</li>
 *   <li>{@code IPPException} {@code {"ExceptionType","ExceptionMessage","ExceptionFaultCode","ExceptionMessageID",
 *       "ExceptionDetails"}} for licence and context errors, HTTP 400 ([V-SO-12002], [V-KB-12027]).</li>
 * </ol>
 * GUESS (UNCONFIRMED, §10.1.1): shape 1 is sent with 400 for a refused write, 404 for a missing record, 500 for a
 * server error; which texts Visma uses for which field is only known for a few fields (the ones quoted in §10.1.1).
 */
final class VismaErrors {

    private VismaErrors() {}

    /** Shape 1 with a fresh VismaId. */
    static HttpError message(int status, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "VismaId: " + UUID.randomUUID() + ". " + text);
        return new HttpError(status, text, body);
    }

    /** A refused write: 400 with Visma's "Error: ..." lines after the operation's headline. */
    static HttpError refused(String headline, String detail) {
        return message(400, headline + " Error: " + detail + "\r\n");
    }

    static HttpError notFound(String text) {
        return message(404, text);
    }

    /**
     * A body the API cannot read as the operation's DTO ([V-ONIT-89]: "Data received not recognized as
     * SaleOrderUpdateDto"); the sandbox adds which member was wrong, which the vendor's text does not.
     */
    static HttpError notRecognised(String operation, String dto, String why) {
        return message(400, "Error " + operation + ". Visma.net.ERP.Web.Api.ExceptionHandling.PostException: "
                + "Data received not recognized as " + dto + ". " + why);
    }

    /** Shape 2, always HTTP 400 ([V-SO-12002], [V-KB-12027]). */
    static HttpError ipp(String faultCode, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ExceptionType", "IPPException");
        body.put("ExceptionMessage", text);
        body.put("ExceptionFaultCode", faultCode);
        body.put("ExceptionMessageID", faultCode + "_" + UUID.randomUUID());
        body.put("ExceptionDetails", "");
        return new HttpError(400, text, body);
    }

    /** The licence error for a token whose tenant has no licence for this company ([V-KB-12027]). */
    static HttpError noLicence() {
        return ipp("12027", "No license for this company.");
    }
}
