package org.tonle.forms;

import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import org.tonle.http.Problem;
import org.tonle.http.ProblemCode;

/** An uploaded definition: an XLSForm workbook or Tonle's YAML, told apart by its Content-Type (or its first bytes). */
record Upload(Format format, byte[] bytes) {

    enum Format { YAML, XLSFORM }

    static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static Upload of(String contentType, Buffer body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        switch (type) {
            case XLSX_TYPE:
                return new Upload(Format.XLSFORM, bytes);
            case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain":
                return new Upload(Format.YAML, bytes);
            case "", "application/octet-stream":
                boolean zip = bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
                return new Upload(zip ? Format.XLSFORM : Format.YAML, bytes);
            default:
                throw Problem.of(ProblemCode.FORM_UNSUPPORTED_FORMAT);
        }
    }
}
