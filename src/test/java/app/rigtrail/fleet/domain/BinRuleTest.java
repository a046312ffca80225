package app.rigtrail.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class BinRuleTest {

    @Test
    void aBitmainBoardOfAnotherBinIsRefusedWithTheVendorsReason() {
        String why = BinRule.refusal(Vendor.BITMAIN, "B2", List.of("B1", "B1")).orElseThrow();
        assertTrue(why.startsWith("Bitmain voids the warranty"), why);
        assertTrue(why.contains("bin B2") && why.contains("bin B1"), why);
    }

    @Test
    void theSameBinUnknownBinsAndOtherVendorsPass() {
        assertTrue(BinRule.refusal(Vendor.BITMAIN, "B1", List.of("B1", "B1")).isEmpty());
        assertTrue(BinRule.refusal(Vendor.BITMAIN, null, List.of("B1")).isEmpty(), "a board of unknown bin is not compared");
        assertTrue(BinRule.refusal(Vendor.BITMAIN, "B1", Arrays.asList(null, " ")).isEmpty(), "nor are unknown neighbours");
        assertTrue(BinRule.refusal(Vendor.MICROBT, "B2", List.of("B1")).isEmpty(), "the rule is Bitmain's");
        assertTrue(BinRule.refusal(Vendor.BITMAIN, "B1", List.of()).isEmpty(), "an empty chassis takes any bin");
    }

    @Test
    void everyOtherBinIsNamedOnce() {
        String why = BinRule.refusal(Vendor.BITMAIN, "B3", List.of("B2", "B1", "B2", "B3")).orElseThrow();
        assertEquals("Bitmain voids the warranty of a chassis whose hashboards come from different bins: this board is "
                + "bin B3, the chassis's other boards are bin B1, B2", why);
    }
}
