package app.rigtrail.repair.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

public class ImageTypeTest {

    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    public static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};
    public static final byte[] WEBP = "RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void recognisesByContent() {
        assertEquals(Optional.of(ImageType.PNG), ImageType.sniff(PNG));
        assertEquals(Optional.of(ImageType.JPEG), ImageType.sniff(JPEG));
        assertEquals(Optional.of(ImageType.WEBP), ImageType.sniff(WEBP));
    }

    @Test
    void shouldRefuseTextAndTruncatedHeaders() {
        assertTrue(ImageType.sniff("<html>not a photo".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(ImageType.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}).isEmpty());
        assertTrue(ImageType.sniff("RIFF0000WAVE".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        assertTrue(ImageType.sniff(new byte[0]).isEmpty());
    }
}
