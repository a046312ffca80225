package app.rigtrail.platform.web;

import java.util.List;

/** Validated page and size from a request (page is 0-based). */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 500;
    /** The last page a list serves (page x size stays a small number of rows to skip). */
    public static final int MAX_PAGE = 100_000;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0 || p > MAX_PAGE || s < 1 || s > MAX_SIZE) {
            boolean badPage = p < 0 || p > MAX_PAGE;
            throw ProblemException.invalid("page must be between 0 and " + MAX_PAGE + " and size between 1 and " + MAX_SIZE,
                    List.of(new FieldViolation(badPage ? "page" : "size",
                            badPage ? "must be between 0 and " + MAX_PAGE : "must be between 1 and " + MAX_SIZE)));
        }
        return new Paging(p, s);
    }

    public int offset() {
        return Math.multiplyExact(page, size);
    }
}
