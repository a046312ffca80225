package app.rigtrail.repair;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import app.rigtrail.fleet.FleetViews.ComponentView;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.repair.domain.RepairRoute;
import app.rigtrail.repair.domain.RmaPolicy;
import app.rigtrail.repair.domain.RmaState;
import app.rigtrail.repair.domain.TicketState;

/** The JSON shapes of tickets and RMA cases, in and out. */
public final class RepairViews {

    private RepairViews() {
    }

    public record OpenTicket(@NotNull Long minerId, @NotBlank @Size(max = 200) String symptom,
            @Size(max = 200) String errorCodes, @Size(max = 2000) String notes,
            @NotEmpty List<Long> failedComponentIds) {
    }

    /**
     * A move of a ticket. {@code to} and {@code note} always; the rest when the move needs them:
     * {@code route} and {@code diagnosis} when leaving DIAGNOSING, {@code spareSerial} to resolve a
     * swap, {@code minerStatus} (HASHING or DEGRADED) for the miner after resolving,
     * {@code failedPartTo} (STOCK or RMA) for the part a swap took out, {@code hubId} for an RMA,
     * {@code version} the ticket version the client saw (409 if it moved since), {@code binOverride} an
     * admin's note that allows fitting a hashboard of another bin than the chassis's other boards.
     */
    public record TicketTransitionRequest(@NotNull TicketState to, @Size(max = 2000) String note, RepairRoute route,
            @Size(max = 2000) String diagnosis, String spareSerial, MinerStatus minerStatus, String failedPartTo,
            Long hubId, Integer version, @Size(max = 500) String binOverride) {
    }

    public record TicketView(Long id, Long minerId, String minerAssetCode, String minerSerial, String model,
            Long siteId, String site, TicketState state, RepairRoute route, String symptom, String errorCodes,
            String notes, String diagnosis, String openedBy, Instant openedAt, Instant closedAt, long ageDays,
            List<ComponentView> failedComponents, Set<TicketState> allowedTransitions, int version) {

        /** For the page: the diagnosis and route are asked while diagnosing. */
        public boolean diagnosing() {
            return state == TicketState.DIAGNOSING;
        }

        /** For the page: a spare may be picked when the next move can resolve the ticket. */
        public boolean resolvable() {
            return allowedTransitions.contains(TicketState.RESOLVED);
        }

        /** For the page: the version the ticket will have after one more move (the offline prediction). */
        public int nextVersion() {
            return version + 1;
        }

        /** For the page: the words of a route, by name. */
        public String routeLabel(String routeName) {
            return RepairRoute.valueOf(routeName).label();
        }

        /** For the page: whether the ticket may move to the named state now. */
        public boolean canMoveTo(String stateName) {
            return allowedTransitions.contains(TicketState.valueOf(stateName));
        }

        /** For the page: what the user is asked before moving to the named state. */
        public String confirmationFor(String stateName) {
            return state.confirmation(TicketState.valueOf(stateName));
        }
    }

    public record TicketEventView(Instant at, String actor, TicketState fromState, TicketState toState, String note) {
    }

    public record PhotoView(Long id, String contentType, int sizeBytes, String fileName, String uploadedBy,
            Instant uploadedAt) {
    }

    public record SwapView(Instant at, String actor, String kind, int slot, String faultySerial,
            String replacementSerial) {
        public String kindLabel() {
            return app.rigtrail.fleet.domain.ComponentKind.valueOf(kind).label();
        }
    }

    public record TicketDetail(TicketView ticket, List<TicketEventView> events, List<PhotoView> photos,
            List<SwapView> swaps, List<RmaView> rmaCases) {
    }

    public record OpenRma(@NotNull Long componentId, Long hubId, String rmaNumber, String claimReason,
            String faultCode, String vendorTicketId, String faultDescription) {
    }

    /**
     * A move of an RMA case; the claim fields may be filled on the way (before SHIPPED they must be).
     * {@code replacementSerial} is the serial of the part a hub sends back instead (REPLACED needs it).
     */
    public record RmaTransitionRequest(@NotNull RmaState to, @Size(max = 2000) String note, String rmaNumber,
            String claimReason, String faultCode, String vendorTicketId, String faultDescription, Long hubId,
            Integer version, @Size(max = 64) String replacementSerial) {
    }

    /** The vendor's claim fields; null leaves a field as it is. */
    public record RmaClaim(String rmaNumber, String claimReason, String faultCode, String vendorTicketId,
            String faultDescription, Long hubId, Integer version) {
    }

    public record RmaView(Long id, Long componentId, String componentSerial, String partNumber, String kind,
            Long ticketId, Long siteId, Vendor vendor, String hub, RmaState state, String rmaNumber,
            String claimReason, String faultCode, String vendorTicketId, String faultDescription,
            boolean inWarranty, boolean deadOnArrival, int returnCount, Instant lastReturnedAt, String openedBy,
            Instant openedAt, long ageDays, List<String> claimFields, Set<RmaState> allowedTransitions,
            int version) {

        public String kindLabel() {
            return app.rigtrail.fleet.domain.ComponentKind.valueOf(kind).label();
        }

        /** For the page: the vendor's claim fields with their words, values and whether they are still missing. */
        public List<ClaimField> claimForm() {
            return claimFields.stream().map(f -> new ClaimField(f, RmaPolicy.fieldLabel(vendor, f), claimValue(f),
                    claimValue(f) == null)).toList();
        }

        /** For the page: every field the vendor requires is filled in. */
        public boolean claimComplete() {
            return claimForm().stream().noneMatch(ClaimField::missing);
        }

        public boolean canShip() {
            return allowedTransitions.contains(RmaState.SHIPPED);
        }

        public boolean claimEditable() {
            return RmaPolicy.claimEditable(state);
        }

        /** For the page: the words for a move out of this case's state, and the question before a final one. */
        public String confirmationFor(RmaState next) {
            return next.confirmationFrom(state);
        }

        String claimValue(String field) {
            return switch (field) {
                case "rmaNumber" -> rmaNumber;
                case "claimReason" -> claimReason;
                case "faultCode" -> faultCode;
                case "vendorTicketId" -> vendorTicketId;
                case "faultDescription" -> faultDescription;
                default -> null;
            };
        }
    }

    /** One claim field on the RMA page; {@code missing} marks a required field not filled in yet. */
    public record ClaimField(String name, String label, String value, boolean missing) {
    }

    public record RmaEventView(Instant at, String actor, RmaState fromState, RmaState toState, String note) {
    }

    /** An RMA case with its timeline, its time per state and the shipments that carry (or carried) the part, newest first. */
    public record RmaDetail(RmaView rmaCase, List<RmaEventView> events, Map<RmaState, Double> daysInState,
            List<Long> shipmentIds) {
    }

    static long ageDays(Instant from, Instant to) {
        return Duration.between(from, to == null ? Instant.now() : to).toDays();
    }
}
