package app.rigtrail.fleet;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import app.rigtrail.fleet.FleetViews.ComponentDetail;
import app.rigtrail.fleet.FleetViews.ComponentView;
import app.rigtrail.fleet.FleetViews.MinerDetail;
import app.rigtrail.fleet.FleetViews.MinerView;
import app.rigtrail.fleet.MasterDataViews.HubView;
import app.rigtrail.fleet.MasterDataViews.ModelView;
import app.rigtrail.fleet.MasterDataViews.PartView;
import app.rigtrail.fleet.MasterDataViews.PortView;
import app.rigtrail.fleet.MasterDataViews.SiteView;
import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FormValues;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The registry's pages: home, miners, components, sites and the catalogs. */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FleetPages {

    static final int PAGE_SIZE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Map<MinerStatus, Long> byStatus, long total, List<SiteView> sites);

        static native TemplateInstance miners(Page<MinerView> page, PageLinks links, String q, Long site,
                MinerStatus status, List<SiteView> sites, MinerStatus[] statuses);

        static native TemplateInstance miner(MinerDetail detail, List<OpenTicketLine> openTickets);

        static native TemplateInstance components(Page<ComponentView> page, PageLinks links, String q,
                ComponentKind kind, ComponentKind[] kinds);

        static native TemplateInstance component(ComponentDetail detail, String message, String saved,
                boolean canRecordBin);

        static native TemplateInstance sites(List<SiteView> sites, Map<Long, Long> minerCounts);

        static native TemplateInstance site(SiteView site, long miners);

        static native TemplateInstance models(List<ModelView> models);

        static native TemplateInstance parts(List<PartView> parts);

        static native TemplateInstance hubs(List<HubView> hubs);

        static native TemplateInstance ports(List<PortView> ports);
    }

    @Inject
    FleetQueries queries;

    @Inject
    CurrentUser user;

    @Inject
    MinerExport exporter;

    @Inject
    ComponentBins bins;

    @Inject
    EntityManager em;

    @Inject
    MinerTickets tickets;

    @GET
    public TemplateInstance home() {
        Set<Long> scope = user.siteScope();
        String where = scope == null ? "" : " where m.site.id in :scope";
        var query = em.createQuery("select m.status, count(m) from Miner m" + where + " group by m.status", Object[].class);
        if (scope != null) {
            query.setParameter("scope", scope.isEmpty() ? Set.of(-1L) : scope);
        }
        Map<MinerStatus, Long> byStatus = new TreeMap<>();
        long total = 0;
        for (Object[] r : query.getResultList()) {
            byStatus.put((MinerStatus) r[0], (Long) r[1]);
            total += (Long) r[1];
        }
        return Templates.home(byStatus, total, visibleSites());
    }

    @GET
    @Path("miners")
    public Object miners(@QueryParam("q") String q, @QueryParam("site") Long site,
            @QueryParam("status") MinerStatus status, @QueryParam("page") Integer page) {
        Page<MinerView> result = queries.miners(new MinerFilter(q, site, status, null, null),
                Paging.of(page, PAGE_SIZE));
        if (q != null && !q.isBlank() && result.total() == 1 && (page == null || page == 0)) {
            // a scanned or typed serial that names one miner opens it
            return Response.seeOther(URI.create("/miners/" + result.items().get(0).id())).build();
        }
        return Templates.miners(result, PageLinks.of(page, PAGE_SIZE, result.total()), q, site, status,
                visibleSites(), MinerStatus.values());
    }

    @GET
    @Path("miners/export.csv")
    @Produces("text/csv")
    public Response exportMiners(@QueryParam("q") String q, @QueryParam("site") Long site,
            @QueryParam("status") MinerStatus status) {
        return Response.ok(exporter.exportCsv(new MinerFilter(q, site, status, null, null)))
                .header("Content-Disposition", "attachment; filename=\"miners.csv\"").build();
    }

    @GET
    @Path("miners/{id}")
    public TemplateInstance miner(@PathParam("id") long id) {
        MinerDetail detail = queries.miner(id);
        return Templates.miner(detail, tickets.openOf(id));
    }

    /** A miner's open tickets: repair keeps them and answers (#13 item 2: fleet does not depend on repair). */
    public interface MinerTickets {
        /** The miner's open tickets, the newest first. */
        List<OpenTicketLine> openOf(long minerId);
    }

    /** An open ticket of a miner, as its page lists it: its state's code (for the badge) and its words. */
    public record OpenTicketLine(long id, String state, String stateLabel, String symptom, java.time.Instant openedAt,
            String openedBy) {
    }

    @GET
    @Path("components")
    public TemplateInstance components(@QueryParam("q") String q, @QueryParam("kind") ComponentKind kind,
            @QueryParam("page") Integer page) {
        Page<ComponentView> result = queries.components(q, kind, null, Paging.of(page, PAGE_SIZE));
        return Templates.components(result, PageLinks.of(page, PAGE_SIZE, result.total()), q, kind,
                ComponentKind.values());
    }

    @GET
    @Path("components/{id}")
    public TemplateInstance component(@PathParam("id") long id) {
        return Templates.component(queries.component(id), null, null, canRecordBin());
    }

    /** Records a hashboard's bin from its page. */
    @POST
    @Path("components/{id}/bin")
    @jakarta.annotation.security.RolesAllowed({Roles.TECHNICIAN, Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recordBin(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        try {
            bins.record(id, f.get("bin"), f.version());
            return Response.seeOther(URI.create("/components/" + id)).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(Templates.component(queries.component(id), e.readable(), null,
                    canRecordBin())).build();
        }
    }

    private boolean canRecordBin() {
        return user.has(Roles.TECHNICIAN) || user.has(Roles.LOGISTICS) || user.has(Roles.ADMIN);
    }

    @GET
    @Path("sites")
    public TemplateInstance sites() {
        Map<Long, Long> counts = new TreeMap<>();
        for (Object[] r : em.createQuery("select m.site.id, count(m) from Miner m group by m.site.id", Object[].class)
                .getResultList()) {
            counts.put((Long) r[0], (Long) r[1]);
        }
        return Templates.sites(visibleSites(), counts);
    }

    @GET
    @Path("sites/{id}")
    public TemplateInstance site(@PathParam("id") long id) {
        Site s = Site.findById(id);
        if (s == null) {
            throw ProblemException.notFound("Site", id);
        }
        user.requireSite(s.id);
        return Templates.site(SiteView.of(s), Miner.count("site.id", id));
    }

    @GET
    @Path("models")
    public TemplateInstance models() {
        return Templates.models(MinerModel.<MinerModel>listAll(Sort.by("vendor", "name")).stream().map(ModelView::of)
                .toList());
    }

    @GET
    @Path("parts")
    public TemplateInstance parts() {
        return Templates.parts(Part.<Part>listAll(Sort.by("partNumber")).stream().map(PartView::of).toList());
    }

    @GET
    @Path("hubs")
    public TemplateInstance hubs() {
        return Templates.hubs(RepairHub.<RepairHub>listAll(Sort.by("code")).stream().map(HubView::of).toList());
    }

    @GET
    @Path("ports")
    public TemplateInstance ports() {
        return Templates.ports(Port.<Port>listAll(Sort.by("code")).stream().map(PortView::of).toList());
    }

    private List<SiteView> visibleSites() {
        return Site.<Site>listAll(Sort.by("code")).stream().filter(s -> user.canSeeSite(s.id)).map(SiteView::of)
                .toList();
    }

    /** Previous/next page numbers for a list page. */
    public record PageLinks(int page, int pages, Integer previous, Integer next) {
        static PageLinks of(Integer page, int size, long total) {
            int p = page == null ? 0 : page;
            int pages = (int) Math.max(1, (total + size - 1) / size);
            return new PageLinks(p, pages, p > 0 ? p - 1 : null, p + 1 < pages ? p + 1 : null);
        }
    }
}
