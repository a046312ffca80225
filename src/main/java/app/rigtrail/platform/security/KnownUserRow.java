package app.rigtrail.platform.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user the identity provider has signed in here at least once (see {@link KnownUsers}). */
@Entity
@Table(name = "known_user")
public class KnownUserRow {
    @Id
    public String username;
    public String roles;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
}
