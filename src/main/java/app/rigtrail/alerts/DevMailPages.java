package app.rigtrail.alerts;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Dev mode only (the class is not even built into the production jar's beans): the alert mail the
 * mock mailer "sent", newest addresses first, so a developer sees what users would get.
 */
@Path("/dev/mail")
@IfBuildProfile("dev")
@Produces(MediaType.TEXT_HTML)
public class DevMailPages {

    /** One mail as sent. */
    public record SentMail(String to, String subject, String text, String delivery) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mail(List<SentMail> mails);
    }

    @Inject
    MockMailbox mailbox;

    @Inject
    EntityManager em;

    @GET
    public TemplateInstance list() {
        @SuppressWarnings("unchecked")
        List<String> addresses = em.createNativeQuery("select target from alert_delivery where channel = 'EMAIL' "
                + "and state = 'SENT' group by target order by max(sent_at) desc limit 50").getResultList();
        List<SentMail> mails = new ArrayList<>();
        for (String to : addresses) {
            List<Mail> sent = mailbox.getMailsSentTo(to);
            if (sent == null) {
                continue;
            }
            for (int i = sent.size() - 1; i >= 0; i--) {
                Mail m = sent.get(i);
                mails.add(new SentMail(to, m.getSubject(), m.getText(), m.getHeaders().getOrDefault(
                        AlertDeliveries.DELIVERY_HEADER, List.of("")).get(0)));
            }
        }
        return Templates.mail(mails);
    }
}
