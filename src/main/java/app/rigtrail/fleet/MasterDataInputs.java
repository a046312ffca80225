package app.rigtrail.fleet;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.Vendor;

/**
 * What an admin sends to create or change master data. {@code version} is the version the editor
 * loaded: a change made since then is refused with 409 instead of being overwritten.
 */
public final class MasterDataInputs {

    private MasterDataInputs() {
    }

    public record SiteInput(
            @NotBlank @Pattern(regexp = "[A-Z0-9]{2,16}", message = "must be 2 to 16 capital letters or digits") String code,
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Pattern(regexp = "[A-Z]{2,3}", message = "must be a state or province code like TX or AB") String region,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter country code") String country,
            @NotBlank String timeZone,
            @Min(1) @Max(99) int buildings,
            @Min(1) @Max(999) int rowsPerBuilding,
            @Min(1) @Max(999) int racksPerRow,
            @Min(1) @Max(999) int slotsPerRack,
            boolean sensitive,
            @Size(max = 240) String sensitiveNote,
            Integer version) {
    }

    public record ModelInput(
            @NotNull Vendor vendor,
            @NotBlank @Size(max = 60) String name,
            @NotNull @DecimalMin(value = "0.01", message = "must be positive")
            @jakarta.validation.constraints.DecimalMax(value = "999999.99", message = "must be at most 999999.99 TH/s")
            @jakarta.validation.constraints.Digits(integer = 6, fraction = 2, message = "must have at most 6 digits and 2 decimals")
            BigDecimal hashrateThs,
            @Min(1) @Max(100_000) int powerWatts,
            @Min(0) @Max(8) int hashboards,
            @Min(0) @Max(8) int fans,
            @Min(0) @Max(4) int psus,
            @Min(0) @Max(2) int controlBoards,
            boolean hashboardDegrades,
            @Min(0) @Max(3650) int warrantyDays,
            Integer version) {
    }

    public record PartInput(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{1,39}", message = "must be 2 to 40 letters, digits, '.', '_' or '-'") String partNumber,
            @NotNull ComponentKind kind,
            @NotBlank @Size(max = 200) String description,
            @NotNull Vendor vendor,
            @Min(0) @Max(100_000_000_000L) long unitCostCents,
            boolean serialized,
            List<Long> compatibleModelIds,
            Integer version) {
    }

    public record HubInput(
            @NotBlank @Pattern(regexp = "[A-Z0-9-]{2,16}", message = "must be 2 to 16 capital letters, digits or '-'") String code,
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Pattern(regexp = "VENDOR_AUTHORIZED|ONSHORE_PARTNER|IN_HOUSE_BENCH", message = "must be VENDOR_AUTHORIZED, ONSHORE_PARTNER or IN_HOUSE_BENCH") String kind,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter country code") String country,
            @Size(max = 40) String region,
            @NotEmpty List<Vendor> vendors,
            @NotEmpty List<ComponentKind> partKinds,
            @Min(0) @Max(1_000_000) int capacityPerWeek,
            @Min(0) @Max(3650) int turnaroundDays,
            Integer version,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Benches working in parallel, "
                    + "each repair taking the turnaround; leave out for a weekly capacity")
            @Min(1) @Max(100_000) Integer servers) {

        public HubInput(String code, String name, String kind, String country, String region, List<Vendor> vendors,
                List<ComponentKind> partKinds, int capacityPerWeek, int turnaroundDays, Integer version) {
            this(code, name, kind, country, region, vendors, partKinds, capacityPerWeek, turnaroundDays, version, null);
        }
    }

    public record PortInput(
            @NotBlank @Pattern(regexp = "[A-Z]{3,8}", message = "must be 3 to 8 capital letters") String code,
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter country code") String country,
            Integer version) {
    }
}
