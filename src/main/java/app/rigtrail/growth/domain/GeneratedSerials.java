package app.rigtrail.growth.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.MinerCsv;
import app.rigtrail.fleet.domain.MinerCsv.ComponentRef;
import app.rigtrail.fleet.domain.MinerCsv.RowError;

/**
 * Serials for machines and components that arrive without a vendor list: the order, the delivery and
 * the unit's number (MO12-D1-0007), and for its components the machine's serial with the kind and
 * slot (MO12-D1-0007-HB2). Unique as long as order and delivery numbers are.
 */
public final class GeneratedSerials {

    private GeneratedSerials() {
    }

    public static String machine(long orderId, int deliveryNumber, int unit) {
        return String.format(Locale.ROOT, "MO%d-D%d-%04d", orderId, deliveryNumber, unit);
    }

    public static String component(String machineSerial, ComponentKind kind, int slot) {
        String code = switch (kind) {
            case HASHBOARD -> "HB";
            case FAN -> "FAN";
            case PSU -> "PSU";
            case CONTROL_BOARD -> "CB";
        };
        return machineSerial + "-" + code + slot;
    }

    /**
     * A machine's components: the ones the vendor listed, and generated serials for each kind the list
     * leaves empty. A kind listed with fewer or more serials than the model holds is an error (the
     * registry would otherwise hold a machine missing a part).
     */
    public static Map<ComponentKind, List<ComponentRef>> complete(String machineSerial,
            Map<ComponentKind, List<ComponentRef>> listed, Map<ComponentKind, Integer> slots, String modelName,
            int line, List<RowError> errors) {
        Map<ComponentKind, List<ComponentRef>> out = new EnumMap<>(ComponentKind.class);
        for (ComponentKind kind : ComponentKind.values()) {
            List<ComponentRef> given = listed == null ? List.of() : listed.getOrDefault(kind, List.of());
            int holds = slots.getOrDefault(kind, 0);
            if (given.isEmpty()) {
                List<ComponentRef> generated = new ArrayList<>(holds);
                for (int s = 1; s <= holds; s++) {
                    generated.add(new ComponentRef(component(machineSerial, kind, s), null));
                }
                out.put(kind, generated);
            } else {
                if (given.size() != holds) {
                    errors.add(new RowError(line, MinerCsv.column(kind), modelName + " holds " + holds + " "
                            + MinerCsv.column(kind) + ", the line lists " + given.size()
                            + " (list all of them, or none to have serials generated)"));
                }
                out.put(kind, given);
            }
        }
        return out;
    }
}
