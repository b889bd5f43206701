package org.tonle.expr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A parsed expression: its source text, its tree, and the questions it reads. */
public final class Expression {

    /**
     * The longest text an evaluation may build, in UTF-16 units. Definitions that could exceed it
     * are refused when loaded ({@link Bounds}); an evaluation that would exceed it anyway fails
     * with {@link ExpressionException} instead of exhausting memory.
     */
    public static final int MAX_VALUE_LENGTH = 10_000;

    private final String source;
    private final Expr tree;
    private final Set<String> references;
    private final boolean readsCurrent;

    private Expression(String source, Expr tree) {
        this.source = source;
        this.tree = tree;
        Set<String> refs = new LinkedHashSet<>();
        this.readsCurrent = collect(tree, refs);
        this.references = Collections.unmodifiableSet(refs);
    }

    /** Parses once; throws {@link ExpressionException} with the position of the first error. */
    public static Expression parse(String source) {
        return new Expression(source, new Parser(source).parseAll());
    }

    public String source() {
        return source;
    }

    public Expr tree() {
        return tree;
    }

    /** Names of the questions referenced with {@code ${name}}. */
    public Set<String> references() {
        return references;
    }

    /** Whether the expression uses {@code .}, the current question's own value. */
    public boolean readsCurrent() {
        return readsCurrent;
    }

    public Object evaluate(Evaluator.Scope scope) {
        return Evaluator.evaluate(tree, scope);
    }

    public boolean test(Evaluator.Scope scope) {
        return Values.truthy(evaluate(scope));
    }

    /** Adds every {@code ${name}} under {@code e} to {@code refs}; answers whether {@code .} occurs. */
    private static boolean collect(Expr e, Set<String> refs) {
        if (e instanceof Expr.Ref r) {
            refs.add(r.name());
            return false;
        }
        if (e instanceof Expr.Current) {
            return true;
        }
        if (e instanceof Expr.Negate n) {
            return collect(n.operand(), refs);
        }
        if (e instanceof Expr.Binary b) {
            boolean left = collect(b.left(), refs);
            return collect(b.right(), refs) || left;
        }
        boolean current = false;
        if (e instanceof Expr.Call c) {
            for (Expr arg : c.args()) {
                current |= collect(arg, refs);
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return source;
    }
}
