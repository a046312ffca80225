package app.rigtrail.platform.web;

import java.util.List;

/** Validated page and size from a request (page is 0-based). */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 500;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0 || s < 1 || s > MAX_SIZE) {
            throw ProblemException.invalid("page must be >= 0 and size between 1 and " + MAX_SIZE,
                    List.of(new FieldViolation(p < 0 ? "page" : "size",
                            p < 0 ? "must be >= 0" : "must be between 1 and " + MAX_SIZE)));
        }
        return new Paging(p, s);
    }

    public int offset() {
        return page * size;
    }
}
