package org.tonle.expr;

import java.util.List;

/** Evaluates a syntax tree against the answers of one submission. Pure; no state. */
public final class Evaluator {

    /** Where an expression reads its values from. */
    public interface Scope {
        /** The value of question {@code name}, or null when unanswered. */
        Object value(String name);

        /** The value of the question the expression belongs to ({@code .}). */
        default Object current() {
            return null;
        }

        /** {@code values}, with {@code .} reading {@code current}. */
        static Scope withCurrent(Scope values, Object current) {
            return new Scope() {
                @Override
                public Object value(String name) {
                    return values.value(name);
                }

                @Override
                public Object current() {
                    return current;
                }
            };
        }
    }

    private Evaluator() {
    }

    static Object evaluate(Expr e, Scope scope) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Ref r) {
            return scope.value(r.name());
        }
        if (e instanceof Expr.Current) {
            return scope.current();
        }
        if (e instanceof Expr.Negate n) {
            return -Values.number(evaluate(n.operand(), scope));
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        }
        return call((Expr.Call) e, scope);
    }

    private static Object binary(Expr.Binary b, Scope scope) {
        Object left = evaluate(b.left(), scope);
        switch (b.op()) {
            case OR:
                return Values.truthy(left) || Values.truthy(evaluate(b.right(), scope));
            case AND:
                return Values.truthy(left) && Values.truthy(evaluate(b.right(), scope));
            default:
                break;
        }
        Object right = evaluate(b.right(), scope);
        switch (b.op()) {
            case EQ:
                return Values.equal(left, right);
            case NE:
                return !Values.equal(left, right);
            default:
                break;
        }
        double x = Values.number(left);
        double y = Values.number(right);
        switch (b.op()) {
            case LT:
                return x < y;
            case LE:
                return x <= y;
            case GT:
                return x > y;
            case GE:
                return x >= y;
            case ADD:
                return x + y;
            case SUB:
                return x - y;
            case MUL:
                return x * y;
            case DIV:
                return y == 0 ? Double.NaN : x / y;
            case MOD:
                return y == 0 ? Double.NaN : x % y;
            default:
                throw new IllegalStateException("unhandled operator " + b.op());
        }
    }

    private static Object call(Expr.Call c, Scope scope) {
        List<Expr> args = c.args();
        switch (c.function()) {
            case TRUE:
                return true;
            case FALSE:
                return false;
            case NOT:
                return !Values.truthy(evaluate(args.get(0), scope));
            case IF:
                return Values.truthy(evaluate(args.get(0), scope))
                        ? evaluate(args.get(1), scope) : evaluate(args.get(2), scope);
            case SELECTED:
                return selected(evaluate(args.get(0), scope), Values.string(evaluate(args.get(1), scope)));
            case COUNT_SELECTED:
                return (double) tokens(evaluate(args.get(0), scope)).size();
            case STRING_LENGTH: {
                String s = Values.string(evaluate(args.get(0), scope));
                return (double) s.codePointCount(0, s.length());
            }
            case NUMBER:
                return Values.number(evaluate(args.get(0), scope));
            case INT: {
                double d = Values.number(evaluate(args.get(0), scope));
                return Double.isNaN(d) ? d : (double) (long) d;
            }
            case COALESCE: {
                Object first = evaluate(args.get(0), scope);
                return Values.string(first).isEmpty() ? evaluate(args.get(1), scope) : first;
            }
            case CONCAT:
                return concat(args, scope);
            default:
                throw new IllegalStateException("unhandled function " + c.function());
        }
    }

    /** The only place text grows: refused past {@link Expression#MAX_VALUE_LENGTH} rather than built. */
    private static String concat(List<Expr> args, Scope scope) {
        StringBuilder sb = new StringBuilder();
        for (Expr arg : args) {
            String part = Values.string(evaluate(arg, scope));
            if (sb.length() + part.length() > Expression.MAX_VALUE_LENGTH) {
                throw new ExpressionException("concat() would build text longer than " + Expression.MAX_VALUE_LENGTH + " characters");
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static boolean selected(Object answer, String choice) {
        return tokens(answer).contains(choice);
    }

    /** A select_multiple answer as a list; a text answer split on spaces, as XPath does. */
    private static List<String> tokens(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Values::string).toList();
        }
        String s = Values.string(v).trim();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }
}
