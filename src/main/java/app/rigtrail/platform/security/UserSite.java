package app.rigtrail.platform.security;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A technician's assignment to a site. */
@Entity
@Table(name = "user_site")
@IdClass(UserSite.Key.class)
public class UserSite extends PanacheEntityBase {
    @Id
    public String username;
    @Id
    @jakarta.persistence.Column(name = "site_id")
    public Long siteId;

    public static class Key implements Serializable {
        public String username;
        public Long siteId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(username, k.username) && Objects.equals(siteId, k.siteId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, siteId);
        }
    }
}
