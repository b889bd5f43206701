package org.tonle.exports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tonle.expr.Expr;
import org.tonle.expr.Expression;
import org.tonle.forms.Question;
import org.tonle.forms.QuestionType;

/**
 * Form expressions (an indicator's universe, denominator, numerator) as R code over the pack's
 * data frame {@code d}, with the language's own semantics kept by small helper functions
 * ({@code tl_*}, defined at the top of analysis.R; see {@link RAnalysis#RUNTIME}): an unanswered
 * question is "" as text and false as a condition, {@code =} compares numbers as numbers when
 * either side is one and as text otherwise, and {@code selected()} reads a select_multiple whether
 * it was exported as one column or as 0/1 columns. Each question is read as the type it is
 * exported as ({@link #typeOf}), as the server reads the stored answer.
 */
final class RExpressions {

    /** How R holds a column: text, number or logical. */
    enum Type { TEXT, NUMBER, LOGICAL }

    private final Columns columns;

    RExpressions(Columns columns) {
        this.columns = columns;
    }

    String of(Expression e) {
        return tr(e.tree());
    }

    /** The type R reads a question's column as: numbers for numeric questions and numeric calculations. */
    Type typeOf(Question q) {
        return typeOf(q, new HashSet<>());
    }

    private Type typeOf(Question q, Set<String> seen) {
        if (q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL) {
            return Type.NUMBER;
        }
        if (q.type() != QuestionType.CALCULATE || !seen.add(q.name())) {
            return Type.TEXT;
        }
        return inferred(q.calculation().tree(), seen);
    }

    private Type inferred(Expr e, Set<String> seen) {
        if (e instanceof Expr.Literal l) {
            return l.value() instanceof Number ? Type.NUMBER : l.value() instanceof Boolean ? Type.LOGICAL : Type.TEXT;
        }
        if (e instanceof Expr.Negate) {
            return Type.NUMBER;
        }
        if (e instanceof Expr.Ref r) {
            Question q = columns.form().question(r.name());
            return q == null ? Type.TEXT : typeOf(q, seen);
        }
        if (e instanceof Expr.Binary b) {
            return switch (b.op()) {
                case OR, AND, EQ, NE, LT, LE, GT, GE -> Type.LOGICAL;
                default -> Type.NUMBER;
            };
        }
        Expr.Call c = (Expr.Call) e;
        return switch (c.function()) {
            case NUMBER, INT, COUNT_SELECTED, STRING_LENGTH -> Type.NUMBER;
            case NOT, TRUE, FALSE, SELECTED -> Type.LOGICAL;
            case IF -> inferred(c.args().get(1), seen) == inferred(c.args().get(2), seen) ? inferred(c.args().get(1), seen) : Type.TEXT;
            default -> Type.TEXT;
        };
    }

    private String tr(Expr e) {
        if (e instanceof Expr.Literal l) {
            return literal(l.value());
        }
        if (e instanceof Expr.Ref r) {
            return ref(r.name());
        }
        if (e instanceof Expr.Current) {
            throw new IllegalArgumentException("'.' has no meaning outside a constraint");
        }
        if (e instanceof Expr.Negate n) {
            return "(-tl_n(" + tr(n.operand()) + "))";
        }
        if (e instanceof Expr.Binary b) {
            return "tl_" + b.op().name().toLowerCase(java.util.Locale.ROOT) + "(" + tr(b.left()) + ", " + tr(b.right()) + ")";
        }
        Expr.Call c = (Expr.Call) e;
        List<String> args = c.args().stream().map(this::tr).toList();
        return switch (c.function()) {
            case TRUE -> "tl_rep(TRUE)";
            case FALSE -> "tl_rep(FALSE)";
            case COUNT_SELECTED -> "tl_count_selected(" + args.get(0) + ")";
            case STRING_LENGTH -> "tl_string_length(" + args.get(0) + ")";
            default -> "tl_" + c.function().name().toLowerCase(java.util.Locale.ROOT) + "(" + String.join(", ", args) + ")";
        };
    }

    /** A question's values: its column, a select_multiple's 0/1 columns joined back into codes, or nothing if not exported. */
    private String ref(String name) {
        List<Columns.Column> cols = columns.ofQuestion(name);
        if (cols.isEmpty()) {
            return "tl_rep(NA_character_)";
        }
        if (cols.get(0).kind() == Columns.Kind.CHOICE) {
            List<String> vars = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            cols.forEach(c -> {
                vars.add(string(c.variable()));
                codes.add(string(c.choice().value()));
            });
            return "tl_multi(d, c(" + String.join(", ", vars) + "), c(" + String.join(", ", codes) + "))";
        }
        return "d$" + cols.get(0).variable();
    }

    static String literal(Object value) {
        if (value instanceof Boolean b) {
            return b ? "tl_rep(TRUE)" : "tl_rep(FALSE)";
        }
        if (value instanceof Number n) {
            return Cells.number(n.doubleValue());
        }
        return string(String.valueOf(value));
    }

    /** An R string literal. */
    static String string(String s) {
        return s.codePoints().mapToObj(cp -> switch (cp) {
            case '\\' -> "\\\\";
            case '"' -> "\\\"";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> new String(Character.toChars(cp));
        }).collect(Collectors.joining("", "\"", "\""));
    }
}
