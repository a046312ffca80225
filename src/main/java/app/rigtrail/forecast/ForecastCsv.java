package app.rigtrail.forecast;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A forecast as one long CSV table: a row per scenario, group (fleet, site, vendor, analytic, growth,
 * difference; plan and plan difference without a date, monthReached as the name), metric and date, with
 * mean, P10, P50, P90 and, for differences, the 95% interval.
 */
final class ForecastCsv {

    static final String[] HEADER = {"scenario_id", "scenario", "group", "name", "metric", "date", "mean", "p10", "p50",
        "p90", "ci_low", "ci_high"};

    private ForecastCsv() {
    }

    static String write(JsonNode doc) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            JsonNode dates = doc.get("dates");
            for (JsonNode s : doc.get("scenarios")) {
                String id = s.get("id").asText();
                String name = s.get("name").asText();
                JsonNode fleet = s.get("fleet");
                for (String metric : new String[] {"availabilityUnits", "availabilityHashrate", "unitsDown",
                    "hashrateDownThs", "stockedOutPools"}) {
                    band(csv, dates, id, name, "fleet", "fleet", metric, fleet.get(metric));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = fleet.get("backlog").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    band(csv, dates, id, name, "fleet", "fleet", "backlog." + e.getKey(), e.getValue());
                }
                for (String groupKind : new String[] {"site", "vendor"}) {
                    for (JsonNode g : s.get(groupKind + "s")) {
                        String key = g.get(groupKind).asText();
                        for (String metric : new String[] {"availabilityHashrate", "unitsDown", "hashrateDownThs"}) {
                            band(csv, dates, id, name, groupKind, key, metric, g.get(metric));
                        }
                        for (Iterator<Map.Entry<String, JsonNode>> it = g.get("backlogMean").fields(); it.hasNext();) {
                            Map.Entry<String, JsonNode> e = it.next();
                            series(csv, dates, id, name, groupKind, key, "backlog." + e.getKey(), e.getValue());
                        }
                    }
                }
                JsonNode analytic = s.get("analytic");
                for (String metric : new String[] {"pipelineMean", "backordersMean", "unitsDownMean", "availabilityUnits",
                    "availabilityHashrate"}) {
                    series(csv, dates, id, name, "analytic", "fleet", metric, analytic.get(metric));
                }
            }
            for (JsonNode g : doc.path("growth")) {
                String id = g.get("scenario").asText();
                String name = g.get("name").asText();
                for (String metric : new String[] {"installedThs", "hashingThs", "machinesOnOrder", "machinesOnTheWay",
                    "machinesInCustoms", "machinesAwaitingCommissioning"}) {
                    band(csv, dates, id, name, "growth", "fleet", metric, g.get(metric));
                }
                for (String metric : new String[] {"planThs", "gapToPlanThs"}) {
                    series(csv, dates, id, name, "growth", "fleet", metric, g.get(metric));
                }
            }
            for (JsonNode r : doc.path("planComparison").path("rows")) {
                for (String metric : new String[] {"shortAtHorizonThs", "hashrateDaysShortThDays", "valueLostUsd",
                    "capitalSpentUsd", "capitalStrandedUsd"}) {
                    JsonNode v = r.get(metric);
                    csv.printRecord(r.get("scenario").asText(), r.get("name").asText(), "plan",
                            r.path("monthReached").asText(""), metric, "", v.get("mean").asText(), v.get("p10").asText(),
                            v.get("p50").asText(), v.get("p90").asText(), "", "");
                }
            }
            for (JsonNode d : doc.path("planComparison").path("differences")) {
                for (String metric : new String[] {"shortAtHorizonThs", "hashrateDaysShortThDays", "valueLostUsd",
                    "capitalSpentUsd"}) {
                    JsonNode v = d.get(metric);
                    csv.printRecord(d.get("scenario").asText(), d.get("name").asText(), "plan difference",
                            "versus " + d.get("versus").asText(), metric, "", v.get("mean").asText(), "", "", "",
                            v.get("ciLow").asText(), v.get("ciHigh").asText());
                }
            }
            for (JsonNode d : doc.get("differences")) {
                JsonNode a = d.get("availabilityHashrate");
                for (int i = 0; i < dates.size(); i++) {
                    csv.printRecord(d.get("scenario").asText(), d.get("name").asText(), "difference",
                            "versus " + d.get("versus").asText(), "availabilityHashrate", dates.get(i).asText(),
                            a.get("mean").get(i).asText(), "", "", "", a.get("ciLow").get(i).asText(),
                            a.get("ciHigh").get(i).asText());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void band(CSVPrinter csv, JsonNode dates, String id, String scenario, String group, String key,
            String metric, JsonNode band) throws IOException {
        for (int i = 0; i < dates.size(); i++) {
            csv.printRecord(id, scenario, group, key, metric, dates.get(i).asText(), band.get("mean").get(i).asText(),
                    band.get("p10").get(i).asText(), band.get("p50").get(i).asText(), band.get("p90").get(i).asText(),
                    "", "");
        }
    }

    private static void series(CSVPrinter csv, JsonNode dates, String id, String scenario, String group, String key,
            String metric, JsonNode values) throws IOException {
        for (int i = 0; i < dates.size(); i++) {
            JsonNode v = values.get(i);
            csv.printRecord(id, scenario, group, key, metric, dates.get(i).asText(), v == null || v.isNull() ? "" : v.asText(),
                    "", "", "", "", "");
        }
    }
}
