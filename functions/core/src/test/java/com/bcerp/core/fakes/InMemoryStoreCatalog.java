package com.bcerp.core.fakes;

import com.bcerp.core.catalog.CatalogField;
import com.bcerp.core.catalog.ProductFields;
import com.bcerp.core.catalog.ProductWrite;
import com.bcerp.core.catalog.StoreOption;
import com.bcerp.core.catalog.StoreProduct;
import com.bcerp.core.catalog.StoreVariant;
import com.bcerp.core.catalog.VariantFields;
import com.bcerp.core.catalog.VariantWrite;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.port.StoreCatalog;
import com.bcerp.core.stock.InventoryTracking;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A store catalogue in memory with BigCommerce's batch limits (10 products, 50 variants per request; more is a 413),
 * counting each request by kind. A key can be made to be refused, as the store refuses a duplicate SKU.
 */
public final class InMemoryStoreCatalog implements StoreCatalog {

    private final Map<String, StoreProduct> products = new LinkedHashMap<>();
    private final Map<Long, List<StoreOption>> options = new HashMap<>();
    private final Set<String> refused = new CopyOnWriteArraySet<>();
    private final Map<String, Integer> requests = new LinkedHashMap<>();
    private long nextId = 1;

    public void refuse(String key) {
        refused.add(key);
    }

    /** Requests of one kind so far: {@code create-product}, {@code update-products}, {@code write-variants}, ... */
    public int requests(String kind) {
        return requests.getOrDefault(kind, 0);
    }

    public int totalRequests() {
        return requests.values().stream().mapToInt(Integer::intValue).sum();
    }

    public StoreProduct product(String key) {
        return products.get(key);
    }

    public List<StoreOption> optionsOf(long productId) {
        return options.getOrDefault(productId, List.of());
    }

    @Override
    public Map<String, StoreProduct> findProducts(Collection<String> keys) {
        count("find-products");
        Map<String, StoreProduct> found = new HashMap<>();
        keys.forEach(k -> {
            if (products.containsKey(k)) {
                found.put(k, products.get(k));
            }
        });
        return found;
    }

    @Override
    public StoreProduct createProduct(ProductWrite product) {
        count("create-product");
        check(product.key());
        ProductFields f = product.fields();
        StoreProduct made = new StoreProduct(nextId++, product.key(), f.name(), f.description(), f.price().amount(),
                amount(f.cost()), amount(f.salePrice()), f.weight(), product.tracking(), List.of());
        products.put(product.key(), made);
        return made;
    }

    @Override
    public void updateProducts(List<ProductWrite> batch) {
        count("update-products");
        if (batch.size() > MAX_PRODUCTS_PER_WRITE) {
            throw new IllegalArgumentException("413: at most 10 products per batch, got " + batch.size());
        }
        batch.forEach(p -> check(p.key()));
        for (ProductWrite p : batch) {
            StoreProduct old = products.get(p.key());
            ProductFields f = p.fields();
            // a field left out of the update keeps the store's value, as BigCommerce does
            Set<CatalogField> kept = p.untouched();
            products.put(p.key(), new StoreProduct(old.id(), old.key(),
                    kept.contains(CatalogField.NAME) ? old.name() : f.name(),
                    kept.contains(CatalogField.DESCRIPTION) ? old.description() : f.description(),
                    kept.contains(CatalogField.PRICE) ? old.price() : f.price().amount(),
                    kept.contains(CatalogField.COST) ? old.cost() : amount(f.cost()),
                    kept.contains(CatalogField.SALE_PRICE) || f.salePrice() == null ? old.salePrice() : f.salePrice().amount(),
                    kept.contains(CatalogField.WEIGHT) ? old.weight() : f.weight(), old.tracking(), old.variants()));
        }
    }

    @Override
    public List<StoreOption> options(long productId) {
        count("get-options");
        return optionsOf(productId);
    }

    @Override
    public StoreOption createOption(long productId, String name, List<String> values) {
        count("create-option");
        List<StoreOption.Value> made = values.stream().map(v -> new StoreOption.Value(nextId++, v)).toList();
        StoreOption option = new StoreOption(nextId++, name, made);
        options.computeIfAbsent(productId, k -> new ArrayList<>()).add(option);
        return option;
    }

    @Override
    public StoreOption.Value createOptionValue(long productId, long optionId, String label) {
        count("create-option-value");
        List<StoreOption> list = options.get(productId);
        StoreOption option = list.stream().filter(o -> o.id() == optionId).findFirst().orElseThrow();
        StoreOption.Value value = new StoreOption.Value(nextId++, label);
        List<StoreOption.Value> values = new ArrayList<>(option.values());
        values.add(value);
        list.set(list.indexOf(option), new StoreOption(option.id(), option.name(), values));
        return value;
    }

    @Override
    public void writeVariants(List<VariantWrite> batch) {
        count("write-variants");
        if (batch.size() > MAX_VARIANTS_PER_WRITE) {
            throw new IllegalArgumentException("413: at most 50 variants per batch, got " + batch.size());
        }
        batch.forEach(v -> check(v.key()));
        for (VariantWrite w : batch) {
            StoreProduct product = products.values().stream().filter(p -> p.id() == w.productId()).findFirst().orElseThrow();
            List<StoreVariant> variants = new ArrayList<>(product.variants());
            VariantFields f = w.fields();
            if (w.isCreate()) {
                List<StoreVariant.OptionValue> values = new ArrayList<>();
                for (VariantWrite.OptionValueRef ref : w.optionValues()) {
                    StoreOption option = optionsOf(product.id()).stream().filter(o -> o.id() == ref.optionId())
                            .findFirst().orElseThrow(() -> new PermanentFailure("option_values", "no option " + ref.optionId()));
                    StoreOption.Value value = option.values().stream().filter(v -> v.id() == ref.valueId()).findFirst()
                            .orElseThrow(() -> new PermanentFailure("option_values", "no value " + ref.valueId()));
                    values.add(new StoreVariant.OptionValue(option.id(), option.name(), value.id(), value.label()));
                }
                variants.add(new StoreVariant(nextId++, w.key(), f.price().amount(), amount(f.cost()),
                        amount(f.salePrice()), f.weight(), values));
            } else {
                StoreVariant old = variants.stream().filter(v -> v.id() == w.variantId()).findFirst().orElseThrow();
                Set<CatalogField> kept = w.untouched();
                variants.set(variants.indexOf(old), new StoreVariant(old.id(), old.key(),
                        kept.contains(CatalogField.PRICE) ? old.price() : f.price().amount(),
                        kept.contains(CatalogField.COST) ? old.cost() : amount(f.cost()),
                        kept.contains(CatalogField.SALE_PRICE) || f.salePrice() == null ? old.salePrice() : f.salePrice().amount(),
                        kept.contains(CatalogField.WEIGHT) ? old.weight() : f.weight(), old.optionValues()));
            }
            products.put(product.key(), new StoreProduct(product.id(), product.key(), product.name(),
                    product.description(), product.price(), product.cost(), product.salePrice(), product.weight(),
                    product.tracking() == InventoryTracking.NONE ? InventoryTracking.VARIANT : product.tracking(), variants));
        }
    }

    private void check(String key) {
        if (refused.contains(key)) {
            throw new PermanentFailure("sku", "The product name or SKU is a duplicate (" + key + ")");
        }
    }

    private void count(String kind) {
        requests.merge(kind, 1, Integer::sum);
    }

    private static BigDecimal amount(com.bcerp.core.model.Money money) {
        return money == null ? BigDecimal.ZERO : money.amount();
    }
}
