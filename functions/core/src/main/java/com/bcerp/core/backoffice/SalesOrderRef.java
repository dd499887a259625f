package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;

/** An order document as the back office numbered it. */
public record SalesOrderRef(String orderType, String orderNbr, Money total) {

    public String display() {
        return orderType + "/" + orderNbr;
    }
}
