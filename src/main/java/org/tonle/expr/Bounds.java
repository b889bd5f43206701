package org.tonle.expr;

import java.util.function.ToLongFunction;

/**
 * The longest text an expression can produce, worked out before it ever runs, from the longest
 * value each question it reads can hold. A definition whose expressions could build text longer
 * than {@link Expression#MAX_VALUE_LENGTH} is refused when it is loaded, so that no answer can
 * make an evaluation grow without bound (forty calculations each doubling the last would need
 * 2^40 characters). Lengths are in UTF-16 units and saturate instead of overflowing.
 */
public final class Bounds {

    /** The longest text of a number: Double.toString, e.g. -1.2345678901234567E-300. */
    public static final long NUMBER_LENGTH = 24;
    /** "true" or "false". */
    private static final long BOOLEAN = 5;

    private Bounds() {
    }

    /**
     * The longest text any part of {@code e} can produce.
     *
     * @param reference the longest value of the question a {@code ${name}} reads
     * @param current the longest value of {@code .}, the question's own answer
     */
    public static long largest(Expression e, ToLongFunction<String> reference, long current) {
        long[] largest = {0};
        longest(e.tree(), reference, current, largest);
        return largest[0];
    }

    /** The longest text of {@code e}'s value; {@code largest[0]} keeps the longest of any part of it. */
    private static long longest(Expr e, ToLongFunction<String> reference, long current, long[] largest) {
        long length = node(e, reference, current, largest);
        largest[0] = Math.max(largest[0], length);
        return length;
    }

    private static long node(Expr e, ToLongFunction<String> reference, long current, long[] largest) {
        if (e instanceof Expr.Literal l) {
            return l.value() instanceof String s ? s.length() : NUMBER_LENGTH;
        }
        if (e instanceof Expr.Ref r) {
            return reference.applyAsLong(r.name());
        }
        if (e instanceof Expr.Current) {
            return current;
        }
        if (e instanceof Expr.Negate n) {
            longest(n.operand(), reference, current, largest);
            return NUMBER_LENGTH;
        }
        if (e instanceof Expr.Binary b) {
            longest(b.left(), reference, current, largest);
            longest(b.right(), reference, current, largest);
            return NUMBER_LENGTH;
        }
        return call((Expr.Call) e, reference, current, largest);
    }

    private static long call(Expr.Call c, ToLongFunction<String> reference, long current, long[] largest) {
        long[] args = new long[c.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = longest(c.args().get(i), reference, current, largest);
        }
        switch (c.function()) {
            case IF:
                return Math.max(args[1], args[2]);
            case COALESCE:
                return Math.max(args[0], args[1]);
            case CONCAT: {
                long sum = 0;
                for (long a : args) {
                    sum = saturatedAdd(sum, a);
                }
                return sum;
            }
            case COUNT_SELECTED, STRING_LENGTH, NUMBER, INT:
                return NUMBER_LENGTH;
            default:
                return BOOLEAN;
        }
    }

    public static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
