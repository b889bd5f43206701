package org.tonle.expr;

import java.util.List;

/** The syntax tree of a form expression; see forms/README.md for the language. */
public sealed interface Expr {

    record Literal(Object value) implements Expr {}

    /** {@code ${name}}: the value of another question. */
    record Ref(String name) implements Expr {}

    /** {@code .}: the value of the question the expression belongs to (constraints). */
    record Current() implements Expr {}

    record Negate(Expr operand) implements Expr {}

    record Binary(Operator op, Expr left, Expr right) implements Expr {}

    record Call(Function function, List<Expr> args) implements Expr {}

    enum Operator {
        OR("or"), AND("and"), EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        ADD("+"), SUB("-"), MUL("*"), DIV("div"), MOD("mod");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Every function the language knows, with its arity (-1: one or more). */
    enum Function {
        NOT("not", 1), IF("if", 3), SELECTED("selected", 2), COUNT_SELECTED("count-selected", 1),
        STRING_LENGTH("string-length", 1), NUMBER("number", 1), INT("int", 1), COALESCE("coalesce", 2),
        CONCAT("concat", -1), TRUE("true", 0), FALSE("false", 0);

        final String xpathName;
        final int arity;

        Function(String xpathName, int arity) {
            this.xpathName = xpathName;
            this.arity = arity;
        }

        static Function byName(String name) {
            for (Function f : values()) {
                if (f.xpathName.equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }
}
