package app.rigtrail.platform.web;

import java.util.Optional;

/**
 * A feature's codes in the users' words (#13 item 2): CDI beans implementing this are asked by the
 * templates' {@code words} before the general rule (underscores as spaces), so that platform knows no
 * feature's enums (fleet gives its vendors' and part kinds' labels).
 */
public interface CodeWords {

    /** The code's words, if this feature knows the code. */
    Optional<String> words(String code);
}
