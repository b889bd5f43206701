package org.tonle.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the XLSForm-style expression language.
 * Precedence, loosest first: or, and, = !=, < <= > >=, + -, * div mod, unary minus.
 *
 * <p>Limits keep parsing and evaluating cheap and the recursion shallow whoever wrote the
 * expression (an organiser's poll is anyone's): at most {@link #MAX_LENGTH} characters, nesting
 * (parentheses, function arguments, unary minus) at most {@link #MAX_DEPTH} deep, and at most
 * {@link #MAX_NODES} terms and operators, so no tree is taller than that. webroot/expr.js applies
 * the same limits.
 */
final class Parser {

    static final int MAX_LENGTH = 2000;
    static final int MAX_DEPTH = 32;
    static final int MAX_NODES = 300;
    /** How much of the expression an error message quotes. */
    private static final int QUOTED = 100;

    private final String src;
    private int pos;
    private int depth;
    private int nodes;

    Parser(String src) {
        if (src == null || src.isBlank()) {
            throw new ExpressionException("empty expression");
        }
        this.src = src;
        if (src.length() > MAX_LENGTH) {
            throw error("the expression is " + src.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
    }

    Expr parseAll() {
        Expr e = parseOr();
        skipSpace();
        if (pos < src.length()) {
            throw error("unexpected '" + src.charAt(pos) + "'");
        }
        return e;
    }

    private Expr parseOr() {
        Expr left = parseAnd();
        while (keyword("or")) {
            left = node(new Expr.Binary(Expr.Operator.OR, left, parseAnd()));
        }
        return left;
    }

    private Expr parseAnd() {
        Expr left = parseEquality();
        while (keyword("and")) {
            left = node(new Expr.Binary(Expr.Operator.AND, left, parseEquality()));
        }
        return left;
    }

    private Expr parseEquality() {
        Expr left = parseRelational();
        while (true) {
            if (symbol("!=")) {
                left = node(new Expr.Binary(Expr.Operator.NE, left, parseRelational()));
            } else if (symbol("=")) {
                left = node(new Expr.Binary(Expr.Operator.EQ, left, parseRelational()));
            } else {
                return left;
            }
        }
    }

    private Expr parseRelational() {
        Expr left = parseAdditive();
        while (true) {
            Expr.Operator op;
            if (symbol("<=")) {
                op = Expr.Operator.LE;
            } else if (symbol(">=")) {
                op = Expr.Operator.GE;
            } else if (symbol("<")) {
                op = Expr.Operator.LT;
            } else if (symbol(">")) {
                op = Expr.Operator.GT;
            } else {
                return left;
            }
            left = node(new Expr.Binary(op, left, parseAdditive()));
        }
    }

    private Expr parseAdditive() {
        Expr left = parseMultiplicative();
        while (true) {
            if (symbol("+")) {
                left = node(new Expr.Binary(Expr.Operator.ADD, left, parseMultiplicative()));
            } else if (symbol("-")) {
                left = node(new Expr.Binary(Expr.Operator.SUB, left, parseMultiplicative()));
            } else {
                return left;
            }
        }
    }

    private Expr parseMultiplicative() {
        Expr left = parseUnary();
        while (true) {
            if (symbol("*")) {
                left = node(new Expr.Binary(Expr.Operator.MUL, left, parseUnary()));
            } else if (keyword("div")) {
                left = node(new Expr.Binary(Expr.Operator.DIV, left, parseUnary()));
            } else if (keyword("mod")) {
                left = node(new Expr.Binary(Expr.Operator.MOD, left, parseUnary()));
            } else {
                return left;
            }
        }
    }

    private Expr parseUnary() {
        if (symbol("-")) {
            return node(new Expr.Negate(nested(this::parseUnary)));
        }
        return parsePrimary();
    }

    private Expr parsePrimary() {
        skipSpace();
        if (pos >= src.length()) {
            throw error("expression ends too early");
        }
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            Expr inner = nested(this::parseOr);
            expect(")");
            return inner;
        }
        if (c == '\'' || c == '"') {
            return node(new Expr.Literal(readString(c)));
        }
        if (c == '$') {
            return readReference();
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return node(new Expr.Literal(readNumber()));
        }
        if (c == '.') {
            pos++;
            return node(new Expr.Current());
        }
        if (Character.isLetter(c)) {
            return readCall();
        }
        throw error("unexpected '" + c + "'");
    }

    private Expr readReference() {
        int start = pos;
        if (!src.startsWith("${", pos)) {
            throw error("a reference is written ${name}");
        }
        int close = src.indexOf('}', pos);
        if (close < 0) {
            throw error("reference is not closed with '}'");
        }
        String name = src.substring(pos + 2, close);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            pos = start;
            throw error("'" + name + "' is not a question name");
        }
        pos = close + 1;
        return node(new Expr.Ref(name));
    }

    private Expr readCall() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '-'
                || src.charAt(pos) == '_')) {
            pos++;
        }
        String name = src.substring(start, pos);
        Expr.Function fn = Expr.Function.byName(name);
        if (fn == null) {
            pos = start;
            throw error("unknown function or word '" + name + "'");
        }
        expect("(");
        List<Expr> args = new ArrayList<>();
        if (!symbol(")")) {
            do {
                args.add(nested(this::parseOr));
            } while (symbol(","));
            expect(")");
        }
        boolean arityOk = fn.arity < 0 ? !args.isEmpty() : args.size() == fn.arity;
        if (!arityOk) {
            pos = start;
            throw error(name + "() takes " + (fn.arity < 0 ? "one or more" : String.valueOf(fn.arity))
                    + " argument(s), got " + args.size());
        }
        return node(new Expr.Call(fn, List.copyOf(args)));
    }

    private String readString(char quote) {
        int close = src.indexOf(quote, pos + 1);
        if (close < 0) {
            throw error("string is not closed");
        }
        String s = src.substring(pos + 1, close);
        pos = close + 1;
        return s;
    }

    private Double readNumber() {
        int start = pos;
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
        }
        try {
            return Double.valueOf(src.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number");
        }
    }

    /** Consumes a word operator only when it stands alone (so "order" is not "or"). */
    private boolean keyword(String word) {
        skipSpace();
        int end = pos + word.length();
        if (src.startsWith(word, pos) && (end >= src.length() || !isWordChar(src.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        skipSpace();
        if (src.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!symbol(s)) {
            throw error("expected '" + s + "'");
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    /** Parses one level deeper (a group, an argument, a negation), refusing to go past {@link #MAX_DEPTH}. */
    private Expr nested(java.util.function.Supplier<Expr> inner) {
        if (++depth > MAX_DEPTH) {
            throw error("the expression is nested more than " + MAX_DEPTH + " deep");
        }
        Expr e = inner.get();
        depth--;
        return e;
    }

    private Expr node(Expr e) {
        if (++nodes > MAX_NODES) {
            throw error("the expression has more than " + MAX_NODES + " terms and operators");
        }
        return e;
    }

    /** The message quotes the start of the expression only: an expression may be long. */
    private ExpressionException error(String what) {
        String quoted = src.length() > QUOTED ? src.substring(0, QUOTED) + "…" : src;
        return new ExpressionException(what + " at position " + (pos + 1) + " in: " + quoted);
    }
}
