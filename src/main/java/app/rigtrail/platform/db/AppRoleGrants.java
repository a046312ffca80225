package app.rigtrail.platform.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * After every migration (run as the schema owner), the app's role gets what it needs and nothing
 * more (#16 item 7; docs/operations.md "Database and roles"): rows of every table, except that the
 * append-only history tables (those guarded by {@code refuse_history_rewrite()}) take only SELECT and
 * INSERT, and Flyway's history only SELECT; no TRUNCATE, TRIGGER or REFERENCES anywhere; the
 * sequences (UPDATE for the demo loader's {@code setval}). The same as {@code deploy/postgres/roles.sql}.
 *
 * The app role is {@code rigtrail.db.app-role} ({@code RIGTRAIL_DB_APP_ROLE}, the migration Job), else the
 * datasource's user when Flyway migrates as another user ({@code quarkus.flyway.username}); when the
 * app and the migration are one role (compose) nothing is granted.
 */
@Singleton
public class AppRoleGrants implements FlywayConfigurationCustomizer {

    private static final Logger LOG = Logger.getLogger(AppRoleGrants.class);
    private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    @Inject
    DatabaseConfig config;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> datasourceUser;

    @ConfigProperty(name = "quarkus.flyway.username")
    Optional<String> flywayUser;

    /** The role to grant to, if any. */
    Optional<String> role() {
        if (config.appRole().filter(r -> !r.isBlank()).isPresent()) {
            return config.appRole();
        }
        if (flywayUser.filter(f -> !f.isBlank()).isPresent() && datasourceUser.isPresent()
                && !flywayUser.get().equals(datasourceUser.get())) {
            return datasourceUser;
        }
        return Optional.empty();
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        Optional<String> role = role();
        if (role.isEmpty()) {
            return;
        }
        if (!ROLE.matcher(role.get()).matches()) {
            throw new IllegalArgumentException("rigtrail.db.app-role is not a plain role name: " + role.get());
        }
        configuration.callbacks(new BaseCallback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                try {
                    grant(context.getConnection(), role.get());
                } catch (SQLException e) {
                    throw new FlywayException("granting the app role " + role.get() + " its privileges failed: "
                            + e.getMessage(), e);
                }
            }
        });
    }

    /** The grants, on the migration's connection. Safe to repeat; replicas migrating at once take turns. */
    static void grant(Connection c, String role) throws SQLException {
        String app = '"' + role + '"';
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("select pg_advisory_xact_lock(hashtextextended('rigtrail.app-role-grants', 0))");
            List<String> history = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    select distinct t.tgrelid::regclass::text from pg_trigger t
                     where t.tgfoid = 'refuse_history_rewrite'::regproc and not t.tgisinternal order by 1""")) {
                while (rs.next()) {
                    history.add(rs.getString(1));
                }
            }
            s.execute("grant usage on schema public to " + app);
            s.execute("grant select, insert, update, delete on all tables in schema public to " + app);
            s.execute("revoke truncate, trigger, references on all tables in schema public from " + app);
            s.execute("grant usage, select, update on all sequences in schema public to " + app);
            s.execute("alter default privileges in schema public grant select, insert, update, delete on tables to " + app);
            s.execute("alter default privileges in schema public grant usage, select, update on sequences to " + app);
            for (String table : history) {
                s.execute("revoke update, delete, truncate on " + table + " from " + app + ", public");
            }
            s.execute("revoke insert, update, delete, truncate on flyway_schema_history from " + app + ", public");
            c.commit();
            LOG.infof("App role %s: rows of every table; select and insert only on the %d history tables", role,
                    history.size());
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
