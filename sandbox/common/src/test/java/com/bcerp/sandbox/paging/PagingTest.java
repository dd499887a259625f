package com.bcerp.sandbox.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.Requests;
import com.bcerp.sandbox.http.HttpError;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagingTest {

    private static final List<Integer> ITEMS = IntStream.rangeClosed(1, 7).boxed().toList();

    private static HttpError bad(String name, String value) {
        return new HttpError(400, name + " must be a whole number, was " + value);
    }

    @Test
    void a_page_by_number_and_size_with_the_size_clamped_and_the_number_raised_to_one() {
        Page page = Page.from(Requests.get("/x", Map.of("page", "2", "limit", "3")), "page", "limit", 50, 250, PagingTest::bad);

        assertThat(page).isEqualTo(new Page(2, 3));
        assertThat(page.of(ITEMS)).containsExactly(4, 5, 6);
        assertThat(page.totalPages(ITEMS.size())).isEqualTo(3);
        assertThat(page.hasPrevious()).isTrue();
        assertThat(page.hasNext(ITEMS.size())).isTrue();
        assertThat(page.next().of(ITEMS)).containsExactly(7);
        assertThat(page.next().hasNext(ITEMS.size())).isFalse();
        assertThat(Page.from(Requests.get("/x", Map.of()), "page", "limit", 50, 250, PagingTest::bad)).isEqualTo(new Page(1, 50));
        assertThat(Page.from(Requests.get("/x", Map.of("page", "-3", "limit", "9999")), "page", "limit", 50, 250, PagingTest::bad))
                .isEqualTo(new Page(1, 250));
        assertThat(Page.from(Requests.get("/x", Map.of("limit", " 0 ")), "page", "limit", 50, 250, PagingTest::bad).size()).isEqualTo(1);
    }

    @Test
    void a_page_parameter_that_is_not_a_whole_number_is_refused_with_the_vendors_error() {
        assertThatThrownBy(() -> Page.from(Requests.get("/x", Map.of("limit", "ten")), "page", "limit", 50, 250, PagingTest::bad))
                .isInstanceOf(HttpError.class).hasMessage("limit must be a whole number, was ten");
        assertThatThrownBy(() -> Page.from(Requests.get("/x", Map.of("page", "")), "page", "limit", 50, 250, PagingTest::bad))
                .isInstanceOf(HttpError.class);
    }

    @Test
    void a_slice_by_skip_and_top_where_blank_is_absent_and_negative_is_refused() {
        Slice slice = Slice.from(Requests.get("/x", Map.of("$skip", "2", "$top", "3")), "$skip", "$top", PagingTest::bad);

        assertThat(slice).isEqualTo(Slice.of(2, 3));
        assertThat(slice.of(ITEMS)).containsExactly(3, 4, 5);
        assertThat(Slice.from(Requests.get("/x", Map.of("$top", " ")), "$skip", "$top", PagingTest::bad))
                .isEqualTo(new Slice(0, OptionalInt.empty()));
        assertThat(Slice.ALL.of(ITEMS)).isEqualTo(ITEMS);
        assertThatThrownBy(() -> Slice.from(Requests.get("/x", Map.of("$top", "-1")), "$skip", "$top", PagingTest::bad))
                .hasMessage("$top must be a whole number, was -1");
    }

    @Test
    void a_taker_builds_only_the_items_it_keeps_and_says_when_to_stop() {
        Slice.Taker<String> taker = Slice.of(2, 2).taker();
        AtomicInteger built = new AtomicInteger();
        int offered = 0;
        for (int i : ITEMS) {
            offered++;
            if (!taker.offer(() -> "item " + i + " (built " + built.incrementAndGet() + ")")) {
                break;
            }
        }

        assertThat(taker.taken()).containsExactly("item 3 (built 1)", "item 4 (built 2)");
        assertThat(offered).as("stops once full").isEqualTo(4);
        assertThat(Slice.of(0, 0).taker().wantsMore()).isFalse();
    }
}
