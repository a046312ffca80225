package app.rigtrail.platform.web;

import java.util.List;

/** One page of a list, the shape every list endpoint returns: {"items":[...],"total":N}. */
public record Page<T>(List<T> items, long total) {
}
