package org.tonle.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BoundedInflaterTest {

    private static final byte[] TEXT = "{\"answers\":{\"name\":\"សុភា\"}} ".repeat(200).getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("gzip read in one-byte pieces, several members, and a header with a file name and extra field")
    void gzipShapes() throws Exception {
        assertThat(inflateInPieces(gzip(TEXT), 1, 1 << 20)).isEqualTo(TEXT);
        byte[] twoMembers = concat(gzip(TEXT), gzip(TEXT));
        assertThat(inflateInPieces(twoMembers, 7, 1 << 20)).isEqualTo(concat(TEXT, TEXT));
        assertThat(inflateInPieces(gzipWithNameAndExtra(TEXT), 3, 1 << 20)).isEqualTo(TEXT);
    }

    @Test
    @DisplayName("stops at the limit, with little work, however large the body would be")
    void limit() throws Exception {
        byte[] zeros = gzip(new byte[50 * 1024 * 1024]);
        BoundedInflater inflater = new BoundedInflater(BoundedInflater.Format.GZIP, 1024 * 1024);
        inflater.add(zeros);
        assertThatThrownBy(() -> {
            while (inflater.inflate(64 * 1024)) {
                // keep going until it gives up
            }
        }).isInstanceOf(BoundedInflater.TooLarge.class);
        BoundedInflater compressedTooLarge = new BoundedInflater(BoundedInflater.Format.GZIP, 10);
        assertThatThrownBy(() -> compressedTooLarge.add(gzip(TEXT))).isInstanceOf(BoundedInflater.TooLarge.class);
    }

    @Test
    @DisplayName("damage: a wrong checksum, a body cut short, something that is not gzip, data after a deflate stream")
    void damage() throws Exception {
        byte[] wrongCrc = gzip(TEXT);
        wrongCrc[wrongCrc.length - 8] ^= 1;
        assertThatThrownBy(() -> inflateInPieces(wrongCrc, 100, 1 << 20)).isInstanceOf(BoundedInflater.Damaged.class);
        assertThatThrownBy(() -> inflateInPieces(Arrays.copyOf(gzip(TEXT), 40), 100, 1 << 20)).isInstanceOf(BoundedInflater.Damaged.class);
        assertThatThrownBy(() -> inflateInPieces(TEXT, 100, 1 << 20)).isInstanceOf(BoundedInflater.Damaged.class);
        BoundedInflater deflate = new BoundedInflater(BoundedInflater.Format.DEFLATE, 1 << 20);
        deflate.add(concat(rawDeflate(TEXT), new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> deflate.inflate(1 << 20)).isInstanceOf(BoundedInflater.Damaged.class);
    }

    private static byte[] inflateInPieces(byte[] body, int piece, long limit) throws Exception {
        BoundedInflater inflater = new BoundedInflater(BoundedInflater.Format.GZIP, limit);
        for (int at = 0; at < body.length; at += piece) {
            inflater.add(Arrays.copyOfRange(body, at, Math.min(body.length, at + piece)));
            while (inflater.inflate(100)) {
                // small turns, as the server takes them
            }
        }
        return inflater.finish();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] rawDeflate(byte[] plain) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(plain);
        deflater.finish();
        byte[] out = new byte[plain.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    /** RFC 1952 with FEXTRA and FNAME set, which Java's GZIPOutputStream never writes. */
    private static byte[] gzipWithNameAndExtra(byte[] plain) {
        byte[] header = {0x1f, (byte) 0x8b, 8, 4 | 8, 0, 0, 0, 0, 0, 3, 3, 0, 'a', 'b', 'c', 'f', '.', 'j', 's', 'o', 'n', 0};
        CRC32 crc = new CRC32();
        crc.update(plain);
        byte[] trailer = new byte[8];
        for (int i = 0; i < 4; i++) {
            trailer[i] = (byte) (crc.getValue() >>> (8 * i));
            trailer[4 + i] = (byte) (plain.length >>> (8 * i));
        }
        return concat(concat(header, rawDeflate(plain)), trailer);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
