package app.rigtrail.fleet.domain;

/** Building / row / rack / slot inside a site, each counted from 1. */
public record RackPosition(int building, int row, int rack, int slot) {

    public RackPosition {
        if (building < 1 || row < 1 || rack < 1 || slot < 1) {
            throw new IllegalArgumentException("building, row, rack and slot count from 1");
        }
    }

    /** Parses "B1-R03-K12-S07" or "1/3/12/7". */
    public static RackPosition parse(String text) {
        String[] parts = text.trim().split("[/-]");
        if (parts.length != 4) {
            throw new IllegalArgumentException("position must be building/row/rack/slot, e.g. 1/3/12/7");
        }
        int[] n = new int[4];
        for (int i = 0; i < 4; i++) {
            String digits = parts[i].replaceFirst("^[A-Za-z]", "");
            try {
                n[i] = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("position part '" + parts[i] + "' is not a number");
            }
        }
        return new RackPosition(n[0], n[1], n[2], n[3]);
    }

    public boolean fitsIn(int buildings, int rowsPerBuilding, int racksPerRow, int slotsPerRack) {
        return building <= buildings && row <= rowsPerBuilding && rack <= racksPerRow && slot <= slotsPerRack;
    }

    /**
     * What a site's new layout would leave outside (issue #16: a site shrunk below the positions its
     * miners stand in): for each dimension smaller than the largest one in use, the site field and
     * why. {@code largestUsed} is the largest building, row, rack and slot of the site's miners.
     */
    public static java.util.Map<String, String> layoutProblems(int[] largestUsed, int buildings, int rowsPerBuilding,
            int racksPerRow, int slotsPerRack) {
        String[] fields = {"buildings", "rowsPerBuilding", "racksPerRow", "slotsPerRack"};
        String[] words = {"building", "row", "rack", "slot"};
        int[] wanted = {buildings, rowsPerBuilding, racksPerRow, slotsPerRack};
        java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            if (wanted[i] < largestUsed[i]) {
                problems.put(fields[i], "must be at least " + largestUsed[i] + ": a miner stands in " + words[i] + " "
                        + largestUsed[i] + "; move or retire it first");
            }
        }
        return problems;
    }

    /** The form the CSV files use: building/row/rack/slot. */
    public String csv() {
        return building + "/" + row + "/" + rack + "/" + slot;
    }

    @Override
    public String toString() {
        return String.format("B%d-R%02d-K%02d-S%02d", building, row, rack, slot);
    }
}
