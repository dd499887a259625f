package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;

/**
 * A coupon used on an order ({@code GET /v2/orders/{id}/coupons}): its code, type (0 per item, 1 percentage,
 * 2 per total, 3 shipping, 4 free shipping), configured amount and the discount it gave.
 */
record CouponUse(long id, long couponId, String code, int type, BigDecimal amount, BigDecimal discount) {}
