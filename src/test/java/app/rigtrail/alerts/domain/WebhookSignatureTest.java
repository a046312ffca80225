package app.rigtrail.alerts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void theSignatureIsHmacSha256OfTheBodyAsInRfc4231() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReceiverAcceptsTheBodyAsSignedAndNothingElse() {
        String secret = WebhookSignature.newSecret();
        byte[] body = "{\"deliveryId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.sign(secret, body);
        assertTrue(WebhookSignature.verify(secret, body, header));
        assertFalse(WebhookSignature.verify(secret, "{\"deliveryId\":\"y\"}".getBytes(StandardCharsets.UTF_8), header));
        assertFalse(WebhookSignature.verify(WebhookSignature.newSecret(), body, header));
        assertFalse(WebhookSignature.verify(secret, body, null));
    }

    @Test
    void secretsAreLongAndNeverRepeat() {
        String a = WebhookSignature.newSecret();
        assertTrue(a.length() >= 40, a);
        assertNotEquals(a, WebhookSignature.newSecret());
    }
}
