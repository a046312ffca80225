package app.rigtrail.platform.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.core.Response;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The JSON API of one catalog of master data (models, parts, hubs, ports, sites), once: a page of
 * entries in their order, filtered by {@code q} (upper-cased, matched anywhere) and by conditions of the
 * caller's own (a technician's sites); one entry or a 404 problem naming it; and a created entry as
 * 201 with its Location. A resource holds one as a constant and keeps its own JAX-RS methods, so each
 * keeps its paths, roles and OpenAPI words; the rules of saving stay in the feature's service.
 *
 * @param <E> the entity
 * @param <V> the view the API returns
 */
public final class Catalog<E, V> {

    /** The summary of a catalog's list operation in the API document. */
    public static final String LIST_SUMMARY = "List, paged; q filters by code, name or number";

    private final Class<E> type;
    private final String what;
    private final String path;
    private final String search;
    private final String order;
    private final Function<E, V> view;
    private final Function<V, Long> id;

    /**
     * @param type   the entity (JPQL names it by its simple name)
     * @param what   its name in a 404's words ("Repair hub")
     * @param path   the API path its entries live under ("/api/hubs")
     * @param search the JPQL condition on {@code :q} (the query, upper-cased, between %)
     * @param order  the JPQL order of a page
     * @param view   the entity as the API shows it
     * @param id     the id of a view (for Location)
     */
    public Catalog(Class<E> type, String what, String path, String search, String order, Function<E, V> view,
            Function<V, Long> id) {
        this.type = type;
        this.what = what;
        this.path = path;
        this.search = search;
        this.order = order;
        this.view = view;
        this.id = id;
    }

    /** A page of the entries matching {@code q}, in order. */
    public Page<V> list(Paging paging, String q) {
        return list(paging, q, List.of(), Map.of());
    }

    /**
     * A page of the entries matching {@code q} and every one of {@code conditions} (JPQL over the
     * entity's fields, with their {@code parameters}), in order; the total counts them all.
     */
    public Page<V> list(Paging paging, String q, List<String> conditions, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder();
        for (String condition : conditions) {
            where.append(where.isEmpty() ? " where " : " and ").append(condition);
        }
        boolean filtered = q != null && !q.isBlank();
        if (filtered) {
            where.append(where.isEmpty() ? " where " : " and ").append(search);
        }
        EntityManager em = Panache.getEntityManager(type);
        String from = "from " + type.getSimpleName() + where;
        TypedQuery<E> rows = em.createQuery(from + " order by " + order, type);
        TypedQuery<Long> count = em.createQuery("select count(*) " + from, Long.class);
        parameters.forEach((k, v) -> {
            rows.setParameter(k, v);
            count.setParameter(k, v);
        });
        if (filtered) {
            String like = "%" + q.trim().toUpperCase() + "%";
            rows.setParameter("q", like);
            count.setParameter("q", like);
        }
        List<V> items = rows.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList().stream()
                .map(view).toList();
        return new Page<>(items, count.getSingleResult());
    }

    /** The entry, or a 404 problem naming it. */
    public V get(long entryId) {
        return view.apply(find(entryId));
    }

    /** The entity, or a 404 problem naming it. */
    public E find(long entryId) {
        E e = Panache.getEntityManager(type).find(type, entryId);
        if (e == null) {
            throw ProblemException.notFound(what, entryId);
        }
        return e;
    }

    /** 201 with the entry created and where it lives. */
    public Response created(V entry) {
        // a path, not a URI: JAX-RS would make Location absolute
        return Response.status(201).header("Location", path + "/" + id.apply(entry)).entity(entry).build();
    }
}
