package com.bcerp.core.port;

import com.bcerp.core.catalog.ProductWrite;
import com.bcerp.core.catalog.StoreOption;
import com.bcerp.core.catalog.StoreProduct;
import com.bcerp.core.catalog.VariantWrite;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The store's catalogue (BigCommerce Catalog V3). Batch writes are all or nothing and stay within the store's limits;
 * a refusal is a {@link com.bcerp.core.failure.PermanentFailure} naming the field.
 */
public interface StoreCatalog {

    /** The most products one batch update may carry (BigCommerce: 10). */
    int MAX_PRODUCTS_PER_WRITE = 10;
    /** The most variants one batch write may carry (BigCommerce: 50). */
    int MAX_VARIANTS_PER_WRITE = 50;

    /** The store's products whose match-key value is one of {@code keys}, with their variants. */
    Map<String, StoreProduct> findProducts(Collection<String> keys);

    /** Creates one product (without variants) and returns it. */
    StoreProduct createProduct(ProductWrite product);

    /** Updates up to {@link #MAX_PRODUCTS_PER_WRITE} products. */
    void updateProducts(List<ProductWrite> products);

    /** The product's variant options with all their values. */
    List<StoreOption> options(long productId);

    /** Adds an option with its values to a product. */
    StoreOption createOption(long productId, String name, List<String> values);

    /** Adds a value to an option. */
    StoreOption.Value createOptionValue(long productId, long optionId, String label);

    /** Creates and updates up to {@link #MAX_VARIANTS_PER_WRITE} variants. */
    void writeVariants(List<VariantWrite> variants);
}
