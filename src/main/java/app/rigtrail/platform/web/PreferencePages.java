package app.rigtrail.platform.web;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;

/** The viewer's display choices, kept in a cookie: times in the site's zone or in UTC. */
@Path("/preferences")
@Authenticated
public class PreferencePages {

    @POST
    @Path("times")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response times(@FormParam("zone") String zone, @HeaderParam("Referer") String referer) {
        String value = LocalTimes.UTC_CHOICE.equals(zone) ? LocalTimes.UTC_CHOICE : "site";
        NewCookie cookie = new NewCookie.Builder(LocalTimes.COOKIE).value(value).path("/").maxAge(365 * 24 * 3600)
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(back(referer)).cookie(cookie).build();
    }

    /** Back to the page the switch was on, never to another host. */
    static URI back(String referer) {
        if (referer != null) {
            try {
                URI u = URI.create(referer);
                String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                return URI.create(path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
            } catch (IllegalArgumentException e) {
                return URI.create("/");
            }
        }
        return URI.create("/");
    }
}
