package org.tonle.submissions;

import java.text.Normalizer;

/** Text handling for Khmer input: NFC normalisation and Khmer digits (០–៩) read as numbers. */
public final class KhmerText {

    private KhmerText() {
    }

    public static String nfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Replaces Khmer digits (U+17E0–U+17E9) with ASCII digits; other characters stay. */
    public static String asciiDigits(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u17E0' && c <= '\u17E9') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) ('0' + (c - '\u17E0')));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
