package app.rigtrail.fleet;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import app.rigtrail.fleet.MasterDataInputs.HubInput;
import app.rigtrail.fleet.MasterDataInputs.ModelInput;
import app.rigtrail.fleet.MasterDataInputs.PartInput;
import app.rigtrail.fleet.MasterDataInputs.PortInput;
import app.rigtrail.fleet.MasterDataInputs.SiteInput;
import app.rigtrail.fleet.MasterDataViews.HubView;
import app.rigtrail.fleet.MasterDataViews.ModelView;
import app.rigtrail.fleet.MasterDataViews.PartView;
import app.rigtrail.fleet.MasterDataViews.PortView;
import app.rigtrail.fleet.MasterDataViews.SiteView;
import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.platform.security.KnownUsers;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.security.UserSiteService;
import app.rigtrail.platform.web.AdminForm;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.FormValues;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Admin pages for master data. Forms post back (post/redirect/get); a refused form is shown again
 * with the values typed and a message per field, and nothing is saved.
 */
@Path("/")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance siteForm(Long id, FormValues form);

        static native TemplateInstance modelForm(Long id, FormValues form, Vendor[] vendors);

        static native TemplateInstance partForm(Long id, FormValues form, ComponentKind[] kinds, Vendor[] vendors,
                List<ModelView> models);

        static native TemplateInstance hubForm(Long id, FormValues form, List<String> hubKinds, Vendor[] vendors,
                ComponentKind[] kinds);

        static native TemplateInstance portForm(Long id, FormValues form);

        static native TemplateInstance users(Map<String, List<String>> assignments, List<String> technicians,
                List<String> knownUsers, List<SiteView> sites, String user, List<Long> current, String saved,
                String refusal);

        static native TemplateInstance importForm(List<FieldViolation> violations, String message, String imported);
    }

    @Inject
    MasterDataService service;

    @Inject
    UserSiteService userSites;

    @Inject
    KnownUsers knownUsers;

    @Inject
    MinerImport importer;

    // ---- the catalog's forms: sites, models, parts, hubs, ports ----

    final AdminForm sites = new AdminForm("Site", id -> Site.<Site>findByIdOptional(id)
            .map(s -> FormValues.ofRecord(SiteView.of(s))).orElse(null),
            Map.of("buildings", "1", "rowsPerBuilding", "10", "racksPerRow", "20", "slotsPerRack", "12", "country", "US",
                    "timeZone", "America/Chicago"),
            Templates::siteForm, (id, f) -> "/sites/" + service.saveSite(id, new SiteInput(f.upper("code"),
                    f.get("name"), f.upper("region"), f.upper("country"), f.get("timeZone"), f.integer("buildings"),
                    f.integer("rowsPerBuilding"), f.integer("racksPerRow"), f.integer("slotsPerRack"),
                    f.checked("sensitive"), f.get("sensitiveNote"), f.version())).id());

    final AdminForm models = new AdminForm("Miner model", id -> MinerModel.<MinerModel>findByIdOptional(id)
            .map(m -> FormValues.ofRecord(ModelView.of(m))).orElse(null),
            Map.of("hashboards", "3", "fans", "4", "psus", "1", "controlBoards", "1", "warrantyDays", "365"),
            (id, f) -> Templates.modelForm(id, f, Vendor.values()), (id, f) -> {
                service.saveModel(id, new ModelInput(f.enumValue("vendor", Vendor.class), f.get("name"),
                        f.decimal("hashrateThs"), f.integer("powerWatts"), f.integer("hashboards"), f.integer("fans"),
                        f.integer("psus"), f.integer("controlBoards"), f.checked("hashboardDegrades"),
                        f.integer("warrantyDays"), f.version()));
                return "/models";
            });

    final AdminForm parts = new AdminForm("Part", id -> Part.<Part>findByIdOptional(id)
            .map(p -> FormValues.ofRecord(PartView.of(p))
                    .with("unitCost", java.math.BigDecimal.valueOf(p.unitCostCents, 2).toPlainString()))
            .orElse(null),
            Map.of("serialized", "on"),
            (id, f) -> Templates.partForm(id, f, ComponentKind.values(), Vendor.values(), models()), (id, f) -> {
                service.savePart(id, new PartInput(f.get("partNumber"), f.enumValue("kind", ComponentKind.class),
                        f.get("description"), f.enumValue("vendor", Vendor.class), f.cents("unitCost"),
                        f.checked("serialized"), f.longs("compatibleModelIds"), f.version()));
                return "/parts";
            });

    final AdminForm hubs = new AdminForm("Repair hub", id -> RepairHub.<RepairHub>findByIdOptional(id)
            .map(h -> FormValues.ofRecord(HubView.of(h))).orElse(null),
            Map.of("country", "US"),
            (id, f) -> Templates.hubForm(id, f, RepairHub.KINDS, Vendor.values(), ComponentKind.values()), (id, f) -> {
                service.saveHub(id, new HubInput(f.upper("code"), f.get("name"), f.get("kind"), f.upper("country"),
                        f.get("region"), f.enums("vendors", Vendor.class), f.enums("partKinds", ComponentKind.class),
                        f.integer("capacityPerWeek"), f.integer("turnaroundDays"), f.version(),
                        f.optionalInteger("servers")));
                return "/hubs";
            });

    final AdminForm ports = new AdminForm("Port", id -> Port.<Port>findByIdOptional(id)
            .map(p -> FormValues.ofRecord(PortView.of(p))).orElse(null),
            Map.of("country", "US"),
            Templates::portForm, (id, f) -> {
                service.savePort(id, new PortInput(f.upper("code"), f.get("name"), f.upper("country"), f.version()));
                return "/ports";
            });

    @GET
    @Path("sites/new")
    public TemplateInstance newSite() {
        return sites.blankForm();
    }

    @GET
    @Path("sites/{id}/edit")
    public TemplateInstance editSite(@PathParam("id") long id) {
        return sites.editForm(id);
    }

    @POST
    @Path("sites")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object createSite(MultivaluedMap<String, String> form) {
        return sites.submit(null, form);
    }

    @POST
    @Path("sites/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object updateSite(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        return sites.submit(id, form);
    }

    @GET
    @Path("models/new")
    public TemplateInstance newModel() {
        return models.blankForm();
    }

    @GET
    @Path("models/{id}/edit")
    public TemplateInstance editModel(@PathParam("id") long id) {
        return models.editForm(id);
    }

    @POST
    @Path("models")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object createModel(MultivaluedMap<String, String> form) {
        return models.submit(null, form);
    }

    @POST
    @Path("models/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object updateModel(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        return models.submit(id, form);
    }

    @GET
    @Path("parts/new")
    public TemplateInstance newPart() {
        return parts.blankForm();
    }

    @GET
    @Path("parts/{id}/edit")
    public TemplateInstance editPart(@PathParam("id") long id) {
        return parts.editForm(id);
    }

    @POST
    @Path("parts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object createPart(MultivaluedMap<String, String> form) {
        return parts.submit(null, form);
    }

    @POST
    @Path("parts/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object updatePart(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        return parts.submit(id, form);
    }

    @GET
    @Path("hubs/new")
    public TemplateInstance newHub() {
        return hubs.blankForm();
    }

    @GET
    @Path("hubs/{id}/edit")
    public TemplateInstance editHub(@PathParam("id") long id) {
        return hubs.editForm(id);
    }

    @POST
    @Path("hubs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object createHub(MultivaluedMap<String, String> form) {
        return hubs.submit(null, form);
    }

    @POST
    @Path("hubs/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object updateHub(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        return hubs.submit(id, form);
    }

    @GET
    @Path("ports/new")
    public TemplateInstance newPort() {
        return ports.blankForm();
    }

    @GET
    @Path("ports/{id}/edit")
    public TemplateInstance editPort(@PathParam("id") long id) {
        return ports.editForm(id);
    }

    @POST
    @Path("ports")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object createPort(MultivaluedMap<String, String> form) {
        return ports.submit(null, form);
    }

    @POST
    @Path("ports/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object updatePort(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        return ports.submit(id, form);
    }

    // ---- technicians' sites ----

    @GET
    @Path("admin/users")
    public TemplateInstance users(@QueryParam("user") String username) {
        return usersPage(username, null, null);
    }

    private TemplateInstance usersPage(String username, String saved, String refusal) {
        Map<String, List<String>> assignments = userSites.assignments();
        List<KnownUsers.KnownUser> known = knownUsers.all();
        java.util.TreeSet<String> technicians = new java.util.TreeSet<>(assignments.keySet());
        known.stream().filter(KnownUsers.KnownUser::technician).forEach(u -> technicians.add(u.username()));
        List<Long> current = username == null ? List.of() : userSites.sitesOf(username);
        return Templates.users(assignments, List.copyOf(technicians), known.stream().map(KnownUsers.KnownUser::username)
                .toList(), sites(), username, current, saved, refusal);
    }

    /**
     * Adds the ticked sites and removes the unticked ones among those the form showed as assigned
     * ({@code had}); sites nobody touched stay as they are.
     */
    @POST
    @Path("admin/users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        String username = f.get("username");
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,120}")) {
            return Response.status(400).entity(usersPage(null, null,
                    "Choose a user: a name of letters, digits, '.', '_', '@' or '-'")).build();
        }
        List<Long> ticked = f.longs("siteIds");
        List<Long> had = f.longs("had");
        List<Long> add = ticked.stream().filter(id -> !had.contains(id)).toList();
        List<Long> remove = had.stream().filter(id -> !ticked.contains(id)).toList();
        try {
            userSites.change(username, add, remove);
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(usersPage(null, null, e.getMessage())).build();
        }
        return Response.ok(usersPage(username, "Saved the sites of " + username + ": "
                + (add.isEmpty() ? "" : add.size() + " added") + (add.isEmpty() || remove.isEmpty() ? "" : ", ")
                + (remove.isEmpty() ? "" : remove.size() + " removed") + (add.isEmpty() && remove.isEmpty()
                        ? "nothing changed" : ""), null)).build();
    }

    // ---- CSV import ----

    @GET
    @Path("miners/import")
    public TemplateInstance importForm() {
        return Templates.importForm(List.of(), null, null);
    }

    @POST
    @Path("miners/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public TemplateInstance importCsv(@RestForm("file") FileUpload file) throws IOException {
        if (file == null || file.size() == 0) {
            return Templates.importForm(List.of(), "Choose a CSV file to import.", null);
        }
        try (Reader reader = new java.io.StringReader(app.rigtrail.platform.web.CsvText.read(file.uploadedFile()))) {
            MinerImport.ImportResult result = importer.importCsv(reader);
            return Templates.importForm(List.of(), null,
                    "Imported " + result.miners() + " miners with " + result.components() + " components.");
        } catch (ProblemException e) {
            return Templates.importForm(e.violations(), e.getMessage(), null);
        }
    }

    // ---- helpers ----

    private static List<ModelView> models() {
        return MinerModel.<MinerModel>listAll(Sort.by("vendor", "name")).stream().map(ModelView::of).toList();
    }

    private static List<SiteView> sites() {
        return Site.<Site>listAll(Sort.by("code")).stream().map(SiteView::of).toList();
    }


}
