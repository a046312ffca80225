package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Camera scanning without BarcodeDetector (#14 item 1), as on Safari for iPad or Firefox: Chromium's
 * fake camera films a QR code of a miner's serial, the page has no BarcodeDetector, ZXing's decoder
 * (the npm library the build installs) reads it and the miner is found.
 */
class CameraScanE2eTest {

    /** A few frames of a QR code of the text, black on white, as a Y4M video (what Chromium's fake camera plays). */
    static Path qrVideo(String text) throws Exception {
        int w = 640;
        int h = 480;
        BitMatrix qr = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 360, 360, Map.of(EncodeHintType.MARGIN, 2));
        byte[] y = new byte[w * h];
        Arrays.fill(y, (byte) 235);
        int left = (w - qr.getWidth()) / 2;
        int top = (h - qr.getHeight()) / 2;
        for (int r = 0; r < qr.getHeight(); r++) {
            for (int c = 0; c < qr.getWidth(); c++) {
                if (qr.get(c, r)) {
                    y[(top + r) * w + left + c] = 16;
                }
            }
        }
        byte[] chroma = new byte[(w / 2) * (h / 2)];
        Arrays.fill(chroma, (byte) 128);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("YUV4MPEG2 W" + w + " H" + h + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
        for (int f = 0; f < 10; f++) {
            out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
            out.write(y);
            out.write(chroma);
            out.write(chroma);
        }
        Path file = Path.of("target", "e2e", "qr-camera.y4m").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void zxingReadsTheCameraWhereTheBrowserHasNoBarcodeDetector() throws Exception {
        long tx1 = TabletBrowser.firstLong(TabletBrowser.api("tech-tx", "/api/sites?q=TX1"), "id");
        String miners = TabletBrowser.api("tech-tx", "/api/miners?size=1&site=" + tx1);
        String serial = miners.replaceFirst("(?s).*?\"serial\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        long miner = TabletBrowser.firstLong(miners, "id");
        Path video = qrVideo(serial);
        try (TabletBrowser camera = new TabletBrowser(List.of("--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + video));
                BrowserContext tablet = camera.browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 768)
                        .setDeviceScaleFactor(2).setHasTouch(true).setIsMobile(true).setPermissions(List.of("camera")))) {
            // as on Safari for iPad and Firefox: no BarcodeDetector
            tablet.addInitScript("delete window.BarcodeDetector; delete Window.prototype.BarcodeDetector;");
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            page.navigate(TabletBrowser.APP + "/tickets/new");
            assertEquals(Boolean.FALSE, page.evaluate("'BarcodeDetector' in window"));
            assertThat(page.locator("#scan-button")).isVisible();
            assertThat(page.locator("#scan-button")).hasAttribute("data-decoder", "ZXing");
            page.locator("#scan-button").tap();
            page.waitForURL(url -> url.contains("q="), new Page.WaitForURLOptions().setTimeout(20_000));
            assertTrue(page.url().contains("q=" + TabletBrowser.enc(serial)), page.url());
            // the one miner with that serial: its new-ticket form
            assertThat(page.locator("#open-ticket input[name=minerId]")).hasValue(String.valueOf(miner));
            TabletBrowser.shot(page, "camera-scan-zxing");
        }
    }
}
