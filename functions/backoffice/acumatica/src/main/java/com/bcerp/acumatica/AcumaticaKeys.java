package com.bcerp.acumatica;

/**
 * Acumatica's two-part document keys (order type and number, payment type and reference number) in the one opaque
 * id core stores: {@code SO/SO000123}. The same text as the state table's keys written before ids were opaque, so
 * an upgraded deployment finds its records.
 */
record AcumaticaKeys(String type, String nbr) {

    static String id(String type, String nbr) {
        return type + "/" + nbr;
    }

    static AcumaticaKeys of(String id) {
        int slash = id.indexOf('/');
        if (slash <= 0 || slash == id.length() - 1) {
            throw new IllegalArgumentException("'" + id + "' is not an Acumatica document id (type/number)");
        }
        return new AcumaticaKeys(id.substring(0, slash), id.substring(slash + 1));
    }
}
