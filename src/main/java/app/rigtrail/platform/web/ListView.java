package app.rigtrail.platform.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A list page's state as it lives in the URL: its filters, the search text, the sort column and
 * direction, the page. Every link the page draws (a column to sort by, the next page) keeps the
 * others, so a filtered, sorted view can be bookmarked and shared. Sort keys are checked against the
 * list's own choices: an unknown one falls back to the default (a list never fails on its URL).
 */
public final class ListView {

    public static final int PAGE_SIZE = 50;
    /** The page sizes a list offers (query parameter {@code size}); anything else is the default. */
    public static final List<Integer> SIZES = List.of(10, 25, 50, 100);
    /** Counting stops here: "10,000+" is what a person needs to know, and counting a million rows is not free. */
    public static final int COUNT_CAP = 10_000;

    private final String path;
    private final Map<String, String> filters;
    private final String sort;
    private final boolean descending;
    private final int page;
    private final int size;
    private long total;
    private boolean capped;

    private ListView(String path, Map<String, String> filters, String sort, boolean descending, int page) {
        this.path = path;
        this.sort = sort;
        this.descending = descending;
        this.page = page;
        int asked = PAGE_SIZE;
        try {
            asked = filters.containsKey("size") ? Integer.parseInt(filters.get("size")) : PAGE_SIZE;
        } catch (NumberFormatException e) {
            asked = PAGE_SIZE;
        }
        this.size = SIZES.contains(asked) ? asked : PAGE_SIZE;
        if (size == PAGE_SIZE) {
            filters.remove("size");
        }
        this.filters = filters;
    }

    /**
     * @param filters the list's filters and search text by query parameter name (null or blank: not set)
     * @param sorts the sort keys this list offers, the first being the default
     * @param defaultDescending the default direction of the default sort
     */
    public static ListView of(String path, Map<String, String> filters, String sort, String dir, Integer page,
            List<String> sorts, boolean defaultDescending) {
        // sorted by name: the same view always has the same URL, whatever map the page passed
        Map<String, String> kept = new TreeMap<>();
        filters.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                kept.put(k, v.trim());
            }
        });
        boolean known = sort != null && sorts.contains(sort);
        String s = known ? sort : sorts.get(0);
        boolean desc = known && dir != null ? "desc".equalsIgnoreCase(dir) : defaultDescending;
        return new ListView(path, kept, s, desc, page == null || page < 0 ? 0 : Math.min(page, Paging.MAX_PAGE));
    }

    /**
     * A list's sort columns, in order, the first being the default: key, expression, key, expression...
     * An expression may be several, separated by " | " ("c.kind | c.serial"): each is sorted in the
     * view's direction.
     */
    public static Map<String, String> sorts(String... keysAndExpressions) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndExpressions.length; i += 2) {
            out.put(keysAndExpressions[i], keysAndExpressions[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    public Paging paging() {
        return new Paging(page, size);
    }

    public String sort() {
        return sort;
    }

    public boolean descending() {
        return descending;
    }

    public String direction() {
        return descending ? "desc" : "asc";
    }

    /** The ORDER BY for this view from the list's sort expressions, ending on a unique tie-breaker. */
    public String orderBy(Map<String, String> expressions, String tieBreaker) {
        String dir = descending ? " desc" : " asc";
        return String.join(dir + ", ", expressions.get(sort).split("\\s*\\|\\s*")) + dir + ", " + tieBreaker + dir;
    }

    public ListView counted(long total, boolean capped) {
        this.total = total;
        this.capped = capped;
        return this;
    }

    // ---- for the templates ----

    public String filter(String name) {
        return filters.getOrDefault(name, "");
    }

    public boolean has(String name, Object value) {
        return value != null && value.toString().equals(filters.get(name));
    }

    public int getPage() {
        return page;
    }

    /** The page as people count it, from 1. */
    public int getPageNumber() {
        return page + 1;
    }

    public long getTotal() {
        return total;
    }

    /** "1,234" or "10,000+". */
    public String getTotalText() {
        return String.format(java.util.Locale.US, "%,d", total) + (capped ? "+" : "");
    }

    public long getPages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean getHasPrevious() {
        return page > 0;
    }

    public boolean getHasNext() {
        return (long) (page + 1) * size < total;
    }

    public String getPreviousHref() {
        return href(filters, sort, direction(), page - 1);
    }

    public String getNextHref() {
        return href(filters, sort, direction(), page + 1);
    }

    /** The link of a column header: sorts by it, or turns the direction round when it is the sort already. */
    public String sortHref(String key) {
        String dir = key.equals(sort) ? (descending ? "asc" : "desc") : "asc";
        return href(filters, key, dir, 0);
    }

    /** The arrow a sorted column shows, and aria-sort for it. */
    public String arrow(String key) {
        return key.equals(sort) ? (descending ? " ▼" : " ▲") : "";
    }

    public String ariaSort(String key) {
        return key.equals(sort) ? (descending ? "descending" : "ascending") : "none";
    }

    /** The current view's query string, for a CSV export or a form's hidden fields. */
    public Set<Map.Entry<String, String>> getFilters() {
        return filters.entrySet();
    }

    private String href(Map<String, String> f, String s, String dir, int p) {
        StringBuilder b = new StringBuilder(path).append('?');
        f.forEach((k, v) -> b.append(enc(k)).append('=').append(enc(v)).append('&'));
        b.append("sort=").append(enc(s)).append("&dir=").append(dir);
        if (p > 0) {
            b.append("&page=").append(p);
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
