package app.rigtrail.platform.audit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rigtrail.platform.security.CurrentUser;

/** Appends master-data changes to the audit trail inside the caller's transaction. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    ObjectMapper json;

    @Inject
    CurrentUser user;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String entity, Long id, String action, Object before, Object after, String reason) {
        AuditEvent e = new AuditEvent();
        e.at = Instant.now();
        e.actor = user.name();
        e.entity = entity;
        e.entityId = id;
        e.action = action;
        e.beforeJson = write(before);
        e.afterJson = write(after);
        e.reason = reason;
        e.persist();
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise audit value", e);
        }
    }
}
