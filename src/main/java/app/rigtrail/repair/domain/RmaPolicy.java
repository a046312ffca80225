package app.rigtrail.repair.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.rigtrail.fleet.domain.Vendor;

/** The vendors' RMA rules of domain.md: claim fields, warranty, dead on arrival, the 30-day repair warranty. */
public final class RmaPolicy {

    /** Dead-on-arrival claims must be opened within this many days of dispatch. */
    public static final int DOA_DAYS = 30;
    /**
     * A repaired part's warranty from its return: whether a failure at the moment asked about falls inside
     * it, and when it ends. The window is defined once, in SQL (refails_within_warranty and
     * repair_warranty_ends of R__repair_outcome.sql), where the completed repairs count a re-failure by the
     * same rule; the service asks it there. A re-failure inside it reopens the case.
     */
    public record RepairWarranty(Instant from, Instant endsAt, boolean covers) {
    }

    private RmaPolicy() {
    }

    /** The claim fields a vendor asks for. */
    public record Claim(String rmaNumber, String claimReason, String faultCode, String vendorTicketId,
            String faultDescription) {
    }

    /** The missing fields for this vendor, as field name to message; empty when the claim is complete. */
    public static Map<String, String> missingClaimFields(Vendor vendor, Claim c) {
        Map<String, String> missing = new java.util.LinkedHashMap<>();
        switch (vendor) {
            case BITMAIN -> {
                require(missing, "rmaNumber", c.rmaNumber(), "Bitmain needs its RMA number");
                require(missing, "claimReason", c.claimReason(), "Bitmain needs a claim reason");
            }
            case MICROBT -> {
                require(missing, "rmaNumber", c.rmaNumber(), "MicroBT needs its RMA number");
                require(missing, "faultCode", c.faultCode(), "MicroBT needs the fault code");
            }
            case CANAAN -> {
                require(missing, "vendorTicketId", c.vendorTicketId(), "Canaan needs its ticket id");
                require(missing, "faultDescription", c.faultDescription(), "Canaan needs a fault description");
            }
            case OTHER -> {
                // no vendor process to satisfy
            }
        }
        return missing;
    }

    /** Which claim fields a vendor's form shows. */
    public static List<String> claimFields(Vendor vendor) {
        return switch (vendor) {
            case BITMAIN -> List.of("rmaNumber", "claimReason");
            case MICROBT -> List.of("rmaNumber", "faultCode");
            case CANAAN -> List.of("vendorTicketId", "faultDescription");
            case OTHER -> List.of();
        };
    }

    /** Every claim field any vendor asks for, in the order a form shows them. */
    public static final List<String> ALL_CLAIM_FIELDS = List.of("rmaNumber", "claimReason", "faultCode",
            "vendorTicketId", "faultDescription");

    /** A claim field's name on the form. */
    public static String fieldLabel(Vendor vendor, String field) {
        return switch (field) {
            case "rmaNumber" -> vendor.label() + " RMA number";
            case "claimReason" -> "Claim reason";
            case "faultCode" -> "Fault code";
            case "vendorTicketId" -> vendor.label() + " ticket id";
            case "faultDescription" -> "Fault description";
            default -> field;
        };
    }

    /** The claim can be edited until the part leaves for the hub. */
    public static boolean claimEditable(RmaState state) {
        return state == RmaState.OPENED;
    }

    private static void require(Map<String, String> missing, String field, String value, String message) {
        if (value == null || value.isBlank()) {
            missing.put(field, message);
        }
    }

    /** In warranty when the machine's warranty runs, or when a repaired part comes back inside its 30 days. */
    public static boolean inWarranty(LocalDate machineWarrantyEnd, RepairWarranty repair, Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        if (machineWarrantyEnd != null && !machineWarrantyEnd.isBefore(today)) {
            return true;
        }
        return repair != null && repair.covers();
    }

    /** The last day a dead-on-arrival claim can be opened for a part dispatched on that day. */
    public static LocalDate doaWindowClosesOn(LocalDate dispatchedOn) {
        return dispatchedOn.plusDays(DOA_DAYS);
    }

    public static boolean deadOnArrival(LocalDate dispatchedOn, Instant openedAt) {
        if (dispatchedOn == null) {
            return false;
        }
        long days = ChronoUnit.DAYS.between(dispatchedOn, openedAt.atZone(ZoneOffset.UTC).toLocalDate());
        return days >= 0 && days <= DOA_DAYS;
    }

    /** A second return on the same case is allowed only inside the repair warranty. */
    public static Optional<String> refusalToReopen(RepairWarranty sinceLastReturn) {
        if (sinceLastReturn == null) {
            return Optional.of("the part has not come back from the hub yet");
        }
        if (!sinceLastReturn.covers()) {
            return Optional.of("the 30-day repair warranty ended " + sinceLastReturn.endsAt() + "; open a new case");
        }
        return Optional.empty();
    }

    /** Time spent in each state, from the ordered state changes; the current state runs until now. */
    public static <S extends Enum<S>> Map<S, Duration> timeInStates(Class<S> type, List<Instant> at, List<S> states,
            Instant now) {
        Map<S, Duration> spent = new EnumMap<>(type);
        List<Instant> times = new ArrayList<>(at);
        for (int i = 0; i < states.size(); i++) {
            Instant end = i + 1 < times.size() ? times.get(i + 1) : now;
            spent.merge(states.get(i), Duration.between(times.get(i), end), Duration::plus);
        }
        return spent;
    }
}
