package com.bcerp.sandbox.bigcommerce;

/** A store API account: the token it calls with, the app (client) it belongs to and that app's client secret. */
record ApiAccount(String name, String accessToken, String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "ApiAccount[" + name + ", client " + clientId + "]";
    }
}
