package org.tonle.forms;

/** One option of a choice list; an exclusive option (e.g. "none") may not be combined with others. */
public record Choice(String value, Text label, boolean exclusive) {
}
