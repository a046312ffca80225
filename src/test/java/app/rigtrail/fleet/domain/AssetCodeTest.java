package app.rigtrail.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AssetCodeTest {

    @Test
    void formatsWithSixDigitSequence() {
        assertEquals("RGT-S21PRO-000042", new AssetCode("RGT", "S21PRO", 42).toString());
    }

    @Test
    void parsesWhatItFormats() {
        AssetCode code = new AssetCode("RGT", "M60S", 123456);
        assertEquals(code, AssetCode.parse(code.toString()));
    }

    @Test
    void modelPartDropsSpacesAndPunctuationAndCutsToTwelve() {
        assertEquals("S21PRO", AssetCode.modelPart("S21 Pro"));
        assertEquals("S19XP", AssetCode.modelPart("S19 XP"));
        assertEquals("WHATSMINERM6", AssetCode.modelPart("Whatsminer M60S"));
    }

    @Test
    void shouldRejectMalformedCodes() {
        assertFalse(AssetCode.isValid("RGT-S21-42"));
        assertFalse(AssetCode.isValid("rgt-S21-000042"));
        assertFalse(AssetCode.isValid(null));
        assertTrue(AssetCode.isValid(" RGT-S21-000042 "));
        assertThrows(IllegalArgumentException.class, () -> AssetCode.parse("S21-000042"));
        assertThrows(IllegalArgumentException.class, () -> new AssetCode("RGT", "S21", 1_000_000));
    }
}
