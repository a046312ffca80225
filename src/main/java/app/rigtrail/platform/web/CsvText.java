package app.rigtrail.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The text of an uploaded CSV file (issue #16): UTF-8, with or without the byte order mark that
 * Excel's "CSV UTF-8" writes; any other encoding or a binary file is refused with 400 and a message
 * that says what was found and where, instead of a garbled import or a failure.
 */
public final class CsvText {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvText() {
    }

    public static String decode(byte[] bytes) {
        if (bytes == null) {
            return "";
        }
        int start = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw refused("the file is UTF-16 text; save it as CSV UTF-8");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (MalformedInputException e) {
            throw refused("the file is not UTF-8 text (a byte that UTF-8 does not allow near byte "
                    + offsetOfFirstBadByte(bytes, start) + "); save it as CSV UTF-8");
        } catch (CharacterCodingException e) {
            throw refused("the file is not UTF-8 text; save it as CSV UTF-8");
        }
        int bad = TextRules.firstForbidden(text);
        if (bad >= 0) {
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            throw refused(text.charAt(bad) == 0 ? "the file is binary, not CSV text (a NUL byte on line " + line + ")"
                    : String.format("line %d holds a control character (U+%04X); CSV text has none", line,
                            (int) text.charAt(bad)));
        }
        return text;
    }

    /** The text of an uploaded file. */
    public static String read(Path file) {
        try {
            return decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text that was already decoded (a text/csv body read as a string): without its byte order mark, checked the same way. */
    public static String withoutBom(String text) {
        if (text == null) {
            return "";
        }
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (t.indexOf('\uFFFD') >= 0) {
            throw refused("the file is not UTF-8 text; save it as CSV UTF-8");
        }
        return t;
    }

    /** The 1-based offset of the first byte that is not UTF-8. */
    private static int offsetOfFirstBadByte(byte[] bytes, int start) {
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        return (r.isError() ? in.position() : bytes.length) + 1;
    }

    private static ProblemException refused(String message) {
        return ProblemException.invalid("The file cannot be read: " + message, List.of(new FieldViolation("file", message)));
    }
}
