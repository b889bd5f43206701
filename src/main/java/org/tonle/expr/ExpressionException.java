package org.tonle.expr;

/** A form expression that does not parse; the message names the position. */
public final class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message);
    }
}
