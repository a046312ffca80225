package app.rigtrail.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.TemplateInstance;

/**
 * The admin form of one catalog entry (a site, a model, a part, a hub, a port), once: a blank form with
 * its defaults, an entry's form filled from what is saved, and a post that saves and redirects
 * (post/redirect/get) or shows the form again with the values typed, a message and one per field, and
 * nothing saved. A page class holds one per entity and keeps its own JAX-RS methods (paths, roles).
 *
 * @param what  the entry's name in a 404's words ("Repair hub")
 * @param loaded the saved entry's form values by id, null when there is none
 * @param blank the values a new entry's form starts with
 * @param page  the form page, for an entry (an id) or a new one (null)
 * @param save  saves the values typed (for the entry, or a new one) and says where to go next; refuses
 *              with a {@link ProblemException} or bean validation
 */
public record AdminForm(String what, LongFunction<FormValues> loaded, Map<String, String> blank, Page page,
        Save save) {

    /** The form page of an entry (id) or of a new one (null). */
    public interface Page {
        TemplateInstance render(Long id, FormValues form);
    }

    /** Saves the values typed; returns the path to go to. */
    public interface Save {
        String save(Long id, FormValues form);
    }

    public TemplateInstance blankForm() {
        return page.render(null, FormValues.ofSingle(blank));
    }

    /** The entry's form, or a 404 problem naming it. */
    public TemplateInstance editForm(long id) {
        FormValues form = loaded.apply(id);
        if (form == null) {
            throw ProblemException.notFound(what, id);
        }
        return page.render(id, form);
    }

    /** A post of the form (for the entry, or a new one when id is null). */
    public Response submit(Long id, Map<String, ? extends List<String>> posted) {
        FormValues form = FormValues.of(posted);
        return submit(form, () -> save.save(id, form), typed -> page.render(id, typed));
    }

    /**
     * The flow of a post: the values the form could not read, then the action's refusals, are shown
     * again on the form ({@code again}) with the status of the refusal (bean validation: 400); the
     * action's success redirects (303) to where it says.
     */
    public static Response submit(FormValues form, Supplier<String> action, Function<FormValues, TemplateInstance> again) {
        try {
            if (!form.errors().isEmpty()) {
                throw ProblemException.invalid("Some fields are not valid", form.errors());
            }
            return Response.seeOther(URI.create(action.get())).build();
        } catch (ConstraintViolationException e) {
            List<FieldViolation> violations = new ArrayList<>();
            e.getConstraintViolations().forEach(v -> {
                String path = v.getPropertyPath().toString();
                violations.add(new FieldViolation(path.substring(path.lastIndexOf('.') + 1), v.getMessage()));
            });
            return Response.status(400).entity(again.apply(form.withErrors("Some fields are not valid", violations)))
                    .build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(again.apply(form.withErrors(e.getMessage(), e.violations())))
                    .build();
        }
    }
}
