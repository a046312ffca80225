package app.rigtrail.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON rules on their own (the API corpus, InputCorpusTest, sends the same through HTTP). */
class StrictJsonTest {

    record Sample(int quantity, Integer count, Double share, boolean flag, String note, LocalDate on, List<Long> ids) {
    }

    static final ObjectMapper JSON = StrictJson.configure(new ObjectMapper().registerModule(new JavaTimeModule()));

    private static String refusal(String body) {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> JSON.readValue(body, Sample.class),
                body);
        return e.getPathReference();
    }

    @Test
    void readsAGoodBodyAndLeavesMissingPrimitivesAtZero() throws Exception {
        Sample s = JSON.readValue("{\"count\":3,\"share\":1,\"note\":\"a\\tb\\nc\",\"on\":\"2026-01-01\",\"ids\":[1,2]}",
                Sample.class);
        assertEquals(0, s.quantity());
        assertEquals(3, s.count());
        assertEquals(1.0, s.share());
        assertEquals(LocalDate.of(2026, 1, 1), s.on());
        assertEquals(List.of(1L, 2L), s.ids());
    }

    @Test
    void refusesCoercionNullsDatesAsNumbersAndControlCharacters() {
        assertTrue(refusal("{\"quantity\":\"5\"}").contains("quantity"));
        assertTrue(refusal("{\"quantity\":1.5}").contains("quantity"));
        assertTrue(refusal("{\"count\":2.5}").contains("count"));
        assertTrue(refusal("{\"count\":\"\"}").contains("count"));
        assertTrue(refusal("{\"share\":\"0.5\"}").contains("share"));
        assertTrue(refusal("{\"flag\":\"true\"}").contains("flag"));
        assertTrue(refusal("{\"flag\":1}").contains("flag"));
        assertTrue(refusal("{\"quantity\":null}").contains("quantity"));
        assertTrue(refusal("{\"quantity\":1234567890123456789012345678901234567890}").contains("quantity"));
        assertTrue(refusal("{\"on\":20260101}").contains("on"));
        assertTrue(refusal("{\"ids\":[null]}").contains("ids"));
        assertTrue(refusal("{\"note\":\"a\\u0000b\"}").contains("note"));
        assertTrue(refusal("{\"note\":\"a\\u001bb\"}").contains("note"));
        assertTrue(refusal("{\"note\":5}").contains("note"));
        assertThrows(Exception.class, () -> JSON.readValue("{\"count\":1} trailing", Sample.class));
        assertThrows(Exception.class, () -> JSON.readValue("{\"count\":1}{}", Sample.class));
    }
}
