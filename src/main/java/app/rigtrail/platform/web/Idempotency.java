package app.rigtrail.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs a use case at most once per key: the first request does the work and its answer is stored
 * in the same transaction; a replay (a retry after a dropped connection, a double tap) waits for
 * the first to finish and gets the same answer, writing nothing new. The key is scoped to the
 * caller and the operation. A key reused for a different request is refused with 422.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Transactional
    public Response run(String scope, String key, Object request, int status, Supplier<Object> work) {
        if (key == null || key.isBlank()) {
            return Response.status(status).entity(work.get()).type(MediaType.APPLICATION_JSON).build();
        }
        if (key.length() > 200) {
            throw ProblemException.invalid("Idempotency-Key is too long",
                    List.of(new FieldViolation(HEADER, "at most 200 characters")));
        }
        String hash = sha256(write(request));
        // A concurrent first request holds the row until it commits: this insert waits for it.
        int claimed = update("insert into idempotency_key (scope, key, request_hash) values (?, ?, ?) on conflict do nothing",
                scope, key, hash);
        if (claimed == 0) {
            Object[] first = (Object[]) em.createNativeQuery(
                    "select request_hash, status, response_body from idempotency_key where scope = ?1 and key = ?2")
                    .setParameter(1, scope).setParameter(2, key).getSingleResult();
            if (!hash.equals(first[0])) {
                throw new ProblemException(422, "Idempotency key reused",
                        "This Idempotency-Key was already used for a different request");
            }
            return Response.status(((Number) first[1]).intValue()).entity(first[2])
                    .type(MediaType.APPLICATION_JSON).header("Idempotent-Replayed", "true").build();
        }
        Object result = work.get();
        String body = write(result);
        update("update idempotency_key set status = ?, response_body = ? where scope = ? and key = ?", status, body,
                scope, key);
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * One statement on the transaction's connection, past Hibernate: a native query through the EntityManager
     * would first dirty-check every entity the use case loaded (an auto flush) and schedule a cleanup of every
     * entity's cache region, once per write (the write benchmark's profile); neither row is an entity.
     */
    private int update(String sql, Object... params) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    st.setObject(i + 1, params[i]);
                }
                return st.executeUpdate();
            }
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
