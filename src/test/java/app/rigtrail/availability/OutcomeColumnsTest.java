package app.rigtrail.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The columns' views against a sorted map of the same rows: appended, late (an id below the highest,
 * committed later) and rewritten rows, enough late ones in one place to split chunks; every earlier
 * view unchanged by the later ones (a snapshot's requests read it while the next is built).
 */
class OutcomeColumnsTest {

    private static OutcomeColumns.Fetched row(long id, Random r) {
        return new OutcomeColumns.Fetched(id, 1_700_000_000_000L + r.nextInt(1_000_000), (byte) r.nextInt(6),
                (byte) r.nextInt(4), 1 + r.nextInt(20), r.nextInt(8), r.nextDouble() * 500, r.nextBoolean(),
                r.nextBoolean() ? -1 : r.nextInt(100_000), r.nextFloat() * 200);
    }

    private static List<OutcomeColumns.Fetched> contents(OutcomeColumns.View v) {
        List<OutcomeColumns.Fetched> out = new ArrayList<>();
        for (OutcomeColumns.Chunk c : v.chunks()) {
            for (int i = 0; i < c.size(); i++) {
                out.add(new OutcomeColumns.Fetched(c.id[i], c.closedMillis[i], c.route[i], c.vendor[i], c.siteId[i],
                        c.modelId[i], c.hours[i], c.refailed[i], c.costCents[i], c.ths[i]));
            }
        }
        return out;
    }

    @Test
    void viewsHoldExactlyTheRowsWrittenUpToThemInIdOrderAndNeverChangeAfterwards() {
        Random r = new Random(13);
        TreeMap<Long, OutcomeColumns.Fetched> model = new TreeMap<>();
        OutcomeColumns.View view = new OutcomeColumns.View(List.of(), 0, 0, 0, 0);
        List<OutcomeColumns.View> views = new ArrayList<>();
        List<List<OutcomeColumns.Fetched>> expected = new ArrayList<>();
        long next = 0;
        int maxChunk = 0;
        for (int batch = 0; batch < 60; batch++) {
            TreeMap<Long, OutcomeColumns.Fetched> written = new TreeMap<>();
            int n = batch < 10 ? 2_000 : 1 + r.nextInt(400);
            for (int k = 0; k < n; k++) {
                long id;
                int kind = r.nextInt(10);
                if (batch < 10 || kind < 5 || model.isEmpty()) {
                    id = next += 2; // appended (even ids)
                } else if (kind < 8 || batch % 7 == 0) {
                    id = 2L * r.nextInt(6_000) + 1; // late (odd ids), piling into the first chunks
                } else {
                    id = model.floorKey(2 + (long) r.nextInt((int) next)); // rewritten
                    if (id == 0) {
                        continue;
                    }
                }
                written.put(id, row(id, r));
            }
            if (batch % 7 == 0) { // a burst of late rows into one chunk: it must split
                for (int k = 0; k < 9_000; k++) {
                    long id = 2L * (8_192 + k) + 1;
                    written.put(id, row(id, r));
                }
            }
            view = OutcomeColumns.apply(view, new ArrayList<>(written.values()), batch, 0);
            model.putAll(written);
            views.add(view);
            expected.add(new ArrayList<>(model.values()));
            for (OutcomeColumns.Chunk c : view.chunks()) {
                maxChunk = Math.max(maxChunk, c.size());
            }
        }
        for (int i = 0; i < views.size(); i++) {
            assertEquals(expected.get(i), contents(views.get(i)), "view " + i);
            assertEquals(expected.get(i).size(), views.get(i).size(), "size of view " + i);
        }
        assertTrue(maxChunk <= 2 * OutcomeColumns.CHUNK, "chunks are split: the largest holds " + maxChunk);
        assertTrue(views.get(views.size() - 1).chunks().size() > model.size() / (2 * OutcomeColumns.CHUNK));
    }
}
