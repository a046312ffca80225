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

    /** Limits to the given sites; null means no limit, an empty set means nothing. */
    public ListQuery inSites(String path, Set<Long> scope) {
        if (scope != null) {
            where.append(" and ").append(path).append(" in :scope");
            params.put("scope", scope.isEmpty() ? Set.of(-1L) : scope);
        }
        return this;
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
