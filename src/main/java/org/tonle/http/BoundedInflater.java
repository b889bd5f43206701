package org.tonle.http;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip or deflate request body as its pieces arrive, a slice at a time, and stops as
 * soon as the output passes the limit: a body that would inflate to gigabytes costs no more work
 * than the limit's worth of output. Plain Java, for one request at a time (not thread-safe).
 */
final class BoundedInflater {

    enum Format { GZIP, DEFLATE }

    /** The body, compressed or inflated, is over the limit. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super("over the body limit", null, false, false);
        }
    }

    /** The body is not what its Content-Encoding says. */
    static final class Damaged extends Exception {
        Damaged(String why) {
            super(why, null, false, false);
        }
    }

    private enum State { HEADER, BODY, TRAILER, END }

    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FHCRC = 2;
    private static final int SLICE_BYTES = 16 * 1024;

    private final Format format;
    private final long limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final byte[] slice = new byte[SLICE_BYTES];
    private final CRC32 crc = new CRC32();
    private Inflater inflater;
    private State state = State.HEADER;
    /** Compressed bytes received so far; [0, position) are parsed or handed to the inflater. */
    private byte[] in = new byte[8192];
    private int length;
    private int position;
    private int handedUpTo;

    BoundedInflater(Format format, long limit) {
        this.format = format;
        this.limit = limit;
    }

    /** The format for a Content-Encoding header, if this class reads it. */
    static Optional<Format> format(String contentEncoding) {
        return switch (contentEncoding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> Optional.of(Format.GZIP);
            case "deflate", "x-deflate" -> Optional.of(Format.DEFLATE);
            default -> Optional.empty();
        };
    }

    /** Takes the next compressed piece; the compressed body may not pass the limit either. */
    void add(byte[] piece) throws TooLarge {
        if ((long) length + piece.length > limit) {
            throw new TooLarge();
        }
        if (length + piece.length > in.length) {
            // the inflater may still read the old array: it is left as it is, never changed
            in = Arrays.copyOf(in, Math.max(in.length * 2, length + piece.length));
        }
        System.arraycopy(piece, 0, in, length, piece.length);
        length += piece.length;
    }

    /**
     * Inflates what has arrived, up to about {@code budget} bytes of output. Returns true when it
     * stopped for the budget (call again), false when it needs more input or the body is complete.
     */
    boolean inflate(int budget) throws TooLarge, Damaged {
        int produced = 0;
        while (produced < budget) {
            int step = switch (state) {
                case HEADER -> readHeader() ? 0 : -1;
                case BODY -> inflateSlice();
                case TRAILER -> readTrailer() ? 0 : -1;
                case END -> startNextMember() ? 0 : -1;
            };
            if (step < 0) {
                return false;
            }
            produced += step;
        }
        return true;
    }

    /** The inflated body, once the request has ended; a body cut short is damaged. */
    byte[] finish() throws Damaged {
        if (state != State.END) {
            throw new Damaged("the compressed body ends too early");
        }
        if (inflater != null) {
            inflater.end();
        }
        return out.toByteArray();
    }

    /** Releases the inflater's native memory when the request is given up. */
    void abandon() {
        if (inflater != null) {
            inflater.end();
        }
    }

    private boolean readHeader() throws Damaged {
        int header = format == Format.GZIP ? gzipHeaderLength() : 0;
        if (header < 0 || (format == Format.DEFLATE && length - position < 2)) {
            return false;
        }
        position += header;
        boolean zlibWrapped = format == Format.GZIP ? false : isZlibHeader(in[position], in[position + 1]);
        if (inflater != null) {
            inflater.end();
        }
        inflater = new Inflater(format == Format.GZIP || !zlibWrapped);
        crc.reset();
        handedUpTo = position;
        state = State.BODY;
        return true;
    }

    /** Bytes of output from one step of the inflater, or -1 when it waits for input. */
    private int inflateSlice() throws TooLarge, Damaged {
        if (inflater.needsInput()) {
            if (position == length) {
                return -1;
            }
            inflater.setInput(in, position, length - position);
            handedUpTo = length;
            position = length;
        }
        int n;
        try {
            n = inflater.inflate(slice);
        } catch (DataFormatException e) {
            throw new Damaged(e.getMessage());
        }
        if (inflater.needsDictionary()) {
            throw new Damaged("a deflate dictionary is needed");
        }
        if (n == 0 && !inflater.finished() && !inflater.needsInput()) {
            throw new Damaged("the deflate stream makes no progress");
        }
        out.write(slice, 0, n);
        crc.update(slice, 0, n);
        if (out.size() > limit) {
            throw new TooLarge();
        }
        if (inflater.finished()) {
            position = handedUpTo - inflater.getRemaining();
            state = format == Format.GZIP ? State.TRAILER : State.END;
        }
        return n;
    }

    private boolean readTrailer() throws Damaged {
        if (length - position < 8) {
            return false;
        }
        if (littleEndian(position) != crc.getValue() || littleEndian(position + 4) != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new Damaged("the gzip checksum does not match");
        }
        position += 8;
        state = State.END;
        return true;
    }

    /** gzip bodies may hold several members one after the other; anything else after the end is damage. */
    private boolean startNextMember() throws Damaged {
        if (position == length) {
            return false;
        }
        if (format == Format.DEFLATE) {
            throw new Damaged("data after the end of the deflate stream");
        }
        state = State.HEADER;
        return true;
    }

    /** The length of the gzip member header at {@code position} (RFC 1952), or -1 if not all of it is here. */
    private int gzipHeaderLength() throws Damaged {
        int p = position + 10;
        if (p > length) {
            return -1;
        }
        if ((in[position] & 0xff) != 0x1f || (in[position + 1] & 0xff) != 0x8b || in[position + 2] != 8) {
            throw new Damaged("not gzip");
        }
        int flags = in[position + 3];
        if ((flags & FEXTRA) != 0) {
            if (p + 2 > length) {
                return -1;
            }
            p += 2 + ((in[p] & 0xff) | (in[p + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (p < length && in[p] != 0) {
                    p++;
                }
                p++;
            }
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        return p > length ? -1 : p - position;
    }

    private static boolean isZlibHeader(byte first, byte second) {
        return (first & 0x0f) == 8 && (((first & 0xff) << 8) | (second & 0xff)) % 31 == 0;
    }

    private long littleEndian(int at) {
        return (in[at] & 0xffL) | (in[at + 1] & 0xffL) << 8 | (in[at + 2] & 0xffL) << 16 | (in[at + 3] & 0xffL) << 24;
    }
}
