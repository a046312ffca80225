package app.rigtrail.dwell;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.dwell.domain.CumulativeIncidence;
import app.rigtrail.dwell.domain.KaplanMeier;
import app.rigtrail.dwell.domain.LognormalFit;
import app.rigtrail.dwell.domain.Observation;
import app.rigtrail.dwell.domain.WeibullFit;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.security.Authenticated;

/** Stateless model calculations on any data, and the same estimates from the stored holds. */
@Path("/api")
@Tag(name = "Dwell models")
@Authenticated
public class ModelResource {

    public record ObservationInput(Double time, Boolean event, Integer count) {
    }

    public record SurvivalRequest(List<ObservationInput> observations, Double confidence, String band) {
    }

    public record KaplanMeierResponse(List<KaplanMeier.Row> rows) {
    }

    public record StoredKaplanMeier(int observations, int events, int open, List<KaplanMeier.Row> rows,
            WeibullFit weibull, LognormalFit lognormal, Map<String, List<CumulativeIncidence.Point>> incidence) {
    }

    /** The most observations one request may send. */
    static final int MAX_OBSERVATIONS = 100_000;

    @Inject
    DwellService dwell;

    @Inject
    app.rigtrail.platform.security.CurrentUser user;

    @POST
    @Path("models/kaplan-meier")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Kaplan-Meier with Greenwood standard errors: {observations:[{time, event, count=1}], "
            + "confidence=0.95, band=\"log\"|\"log-log\"}; one row per distinct event time (censored counts those "
            + "censored at exactly that time; ties: events before censorings)")
    public KaplanMeierResponse kaplanMeier(SurvivalRequest in) {
        double confidence = in == null || in.confidence() == null ? 0.95 : in.confidence();
        if (!(confidence > 0 && confidence < 1)) {
            throw ProblemException.invalid("confidence must be between 0 and 1",
                    List.of(new FieldViolation("confidence", "must be between 0 and 1")));
        }
        return new KaplanMeierResponse(KaplanMeier.estimate(read(in), confidence, band(in)).rows());
    }

    @POST
    @Path("models/weibull-fit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Weibull maximum likelihood with right-censoring: shape, scale (eta = lambda^(-1/shape)), "
            + "standard errors from the observed information, also lnLambda and its standard error")
    public WeibullFit weibull(SurvivalRequest in) {
        return fitting(() -> WeibullFit.fit(read(in)));
    }

    @POST
    @Path("models/lognormal-fit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Lognormal maximum likelihood with right-censoring: mu and sigma of ln t with standard errors")
    public LognormalFit lognormal(SurvivalRequest in) {
        return fitting(() -> LognormalFit.fit(read(in)));
    }

    @GET
    @Path("dwell/kaplan-meier")
    @Operation(summary = "Dwell of the stored holds (open ones censored at their age today), by port code, vendor, "
            + "hold kind and presentation dates from/to: Kaplan-Meier rows, both parametric fits where the data "
            + "allow, and the cumulative incidence of each outcome. Technicians get the holds of their assigned sites only")
    public StoredKaplanMeier stored(@QueryParam("port") String port, @QueryParam("vendor") String vendor,
            @QueryParam("holdKind") String holdKind, @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("band") String band) {
        List<Observation> data = dwell.observations(new DwellService.Filter(port, vendor, holdKind, from, to,
                user.siteScope()),
                DwellService.today());
        int events = data.stream().filter(Observation::event).mapToInt(Observation::count).sum();
        KaplanMeier km = KaplanMeier.estimate(data, 0.95, "log-log".equals(band) ? KaplanMeier.Band.LOG_LOG
                : KaplanMeier.Band.LOG);
        return new StoredKaplanMeier(data.size(), events, data.size() - events, km.rows(), quietly(() -> WeibullFit.fit(data)),
                quietly(() -> LognormalFit.fit(data)), CumulativeIncidence.estimate(data));
    }

    private static List<Observation> read(SurvivalRequest in) {
        if (in == null || in.observations() == null || in.observations().isEmpty()) {
            throw ProblemException.invalid("Send at least one observation",
                    List.of(new FieldViolation("observations", "must not be empty")));
        }
        if (in.observations().size() > MAX_OBSERVATIONS) {
            throw ProblemException.invalid("Too many observations", List.of(new FieldViolation("observations",
                    "at most " + MAX_OBSERVATIONS + " observations; give repeated ones a count")));
        }
        List<Observation> out = new ArrayList<>();
        List<FieldViolation> bad = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < in.observations().size(); i++) {
            ObservationInput o = in.observations().get(i);
            if (o == null || o.time() == null || !(o.time() >= 0) || !(o.time() <= Observation.MAX_TIME)) {
                bad.add(new FieldViolation("observations[" + i + "].time", "must be a number from 0 to "
                        + (long) Observation.MAX_TIME));
            } else if (o.event() == null) {
                bad.add(new FieldViolation("observations[" + i + "].event", "must be true (ended) or false (censored)"));
            } else if (o.count() != null && (o.count() < 1 || o.count() > Observation.MAX_COUNT)) {
                bad.add(new FieldViolation("observations[" + i + "].count", "must be between 1 and "
                        + Observation.MAX_COUNT));
            } else {
                out.add(new Observation(o.time(), o.event(), o.count() == null ? 1 : o.count()));
                total += out.get(out.size() - 1).count();
            }
        }
        if (total > Observation.MAX_TOTAL) {
            bad.add(new FieldViolation("observations", "the counts add up to " + total + "; at most "
                    + Observation.MAX_TOTAL));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("Some observations are not valid", bad);
        }
        return out;
    }

    private static KaplanMeier.Band band(SurvivalRequest in) {
        String b = in == null || in.band() == null ? "log" : in.band();
        return switch (b) {
            case "log" -> KaplanMeier.Band.LOG;
            case "log-log" -> KaplanMeier.Band.LOG_LOG;
            default -> throw ProblemException.invalid("band must be \"log\" or \"log-log\"",
                    List.of(new FieldViolation("band", "must be log or log-log")));
        };
    }

    private static <T> T fitting(java.util.function.Supplier<T> fit) {
        try {
            return fit.get();
        } catch (IllegalArgumentException | org.hipparchus.exception.MathRuntimeException e) {
            // the numbers cannot answer (too few different durations, no maximum): the reason, not a failure
            throw new ProblemException(422, "Cannot fit", e.getMessage());
        }
    }

    private static <T> T quietly(java.util.function.Supplier<T> fit) {
        try {
            return fit.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
