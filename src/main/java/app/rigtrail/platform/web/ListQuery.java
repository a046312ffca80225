package app.rigtrail.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * The filtered, paged, site-scoped list every list endpoint needs: conditions added one by one
 * with their parameters, the same where-clause for the page and for its count.
 */
public final class ListQuery {

    private final StringBuilder where = new StringBuilder(" where 1 = 1");
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** The oldest age filter a list takes: a hundred years, in days. */
    public static final int MAX_AGE_DAYS = 36_500;

    /**
     * The instant {@code days} ago for an age filter such as minAgeDays, or null when not given;
     * refused with 400 naming {@code field} outside 0 to {@link #MAX_AGE_DAYS}.
     */
    public static java.time.Instant daysAgo(String field, Integer days) {
        if (days == null) {
            return null;
        }
        if (days < 0 || days > MAX_AGE_DAYS) {
            throw app.rigtrail.platform.web.ProblemException.invalid(field + " is out of range",
                    List.of(new FieldViolation(field, "must be between 0 and " + MAX_AGE_DAYS)));
        }
        return java.time.Instant.now().minus(java.time.Duration.ofDays(days));
    }

    /** Adds {@code clause} (which names {@code :name}) when the value is given. */
    public ListQuery and(String clause, String name, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" and ").append(clause);
            params.put(name, value);
        }
        return this;
    }

    /** Adds a condition with no parameter, or with several. */
    public ListQuery andAlways(String clause, Map<String, Object> values) {
        where.append(" and ").append(clause);
        params.putAll(values);
        return this;
    }

    /**
     * The search box of a list page: a number ("#12", "12", or with the list's own prefix such as
     * "S-12") searches by {@code byNumber}, anything else by {@code byText}. The clauses may name
     * {@code :number} (the number), {@code :prefix} (the start of a code: the digits, or the text in
     * capitals, then %) and {@code :exact} (the text as typed); a blank search adds nothing.
     */
    public ListQuery search(String q, String numberPrefix, String byNumber, String byText) {
        String text = q == null ? "" : q.trim();
        if (text.isEmpty()) {
            return this;
        }
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("(?i)(?:#|"
                + java.util.regex.Pattern.quote(numberPrefix) + ")?(\\d{1,12})").matcher(text);
        Map<String, Object> values = new LinkedHashMap<>();
        String clause;
        if (number.matches()) {
            clause = byNumber;
            values.put("number", Long.parseLong(number.group(1)));
            values.put("prefix", number.group(1) + "%");
        } else {
            clause = byText;
            values.put("prefix", text.toUpperCase(java.util.Locale.ROOT).replace("%", "") + "%");
        }
        values.put("exact", text);
        values.keySet().removeIf(name -> !java.util.regex.Pattern.compile(":" + name + "\\b").matcher(clause).find());
        return andAlways(clause, values);
    }

    /** Limits to the given sites; null means no limit, an empty set means nothing. */
    public ListQuery inSites(String path, Set<Long> scope) {
        if (scope != null) {
            where.append(" and ").append(path).append(" in :scope");
            params.put("scope", scope.isEmpty() ? Set.of(-1L) : scope);
        }
        return this;
    }

    /**
     * One page of a list view and its count, counted up to {@link ListView#COUNT_CAP} (beyond it the
     * list says "10,000+"): the page by "select alias from Entity alias [joins] where ... order by ...",
     * the count by fetching at most cap + 1 ids with the same conditions.
     */
    public <E, V> Page<V> page(EntityManager em, Class<E> type, String alias, String fetchJoins, ListView view,
            Map<String, String> sortExpressions, Function<E, V> mapper) {
        String entity = type.getSimpleName();
        TypedQuery<E> query = em.createQuery("select " + alias + " from " + entity + " " + alias + " " + fetchJoins
                + where + " order by " + view.orderBy(sortExpressions, alias + ".id"), type);
        TypedQuery<Long> ids = em.createQuery("select " + alias + ".id from " + entity + " " + alias + where, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            ids.setParameter(k, v);
        });
        Paging paging = view.paging();
        List<V> items = query.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList().stream()
                .map(mapper).toList();
        long counted = ids.setMaxResults(ListView.COUNT_CAP + 1).getResultList().size();
        boolean capped = counted > ListView.COUNT_CAP;
        long total = capped ? ListView.COUNT_CAP : counted;
        view.counted(total, capped);
        return new Page<>(items, total);
    }

    /**
     * Runs "select alias from Entity alias [joins] where ... order by ..." for one page and the count
     * over "Entity alias" with the same conditions.
     */
    public <E, V> Page<V> page(EntityManager em, Class<E> type, String alias, String fetchJoins, String orderBy,
            Paging paging, Function<E, V> view) {
        String entity = type.getSimpleName();
        TypedQuery<E> query = em.createQuery("select " + alias + " from " + entity + " " + alias + " " + fetchJoins
                + where + " order by " + orderBy, type);
        TypedQuery<Long> count = em.createQuery("select count(" + alias + ") from " + entity + " " + alias + where,
                Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<V> items = query.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList().stream()
                .map(view).toList();
        return new Page<>(items, count.getSingleResult());
    }
}
