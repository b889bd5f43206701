package org.tonle.submissions;

import java.util.Locale;
import java.util.Map;
import org.tonle.forms.Text;

/**
 * Why one field of a submission was refused, with the message a respondent or enumerator reads.
 * Messages may hold {value}, {field}, {max} or {range}, filled in by {@link #message(Map)}.
 */
public enum ValidationCode {
    REQUIRED("This question must be answered.",
            "សំណួរនេះត្រូវតែឆ្លើយ។"),
    TYPE("The answer is not {expected}.",
            "ចម្លើយនេះមិនមែនជា{expected_km}ទេ។"),
    CHOICE("'{value}' is not one of the answers offered for this question.",
            "'{value}' មិនមែនជាចម្លើយមួយក្នុងចំណោមចម្លើយដែលមានសម្រាប់សំណួរនេះទេ។"),
    EXCLUSIVE("'{value}' cannot be chosen together with other answers.",
            "'{value}' មិនអាចជ្រើសរើសរួមជាមួយចម្លើយផ្សេងទៀតបានទេ។"),
    CONSTRAINT("The answer is not allowed.",
            "ចម្លើយនេះមិនត្រូវបានអនុញ្ញាតទេ។"),
    NOT_RELEVANT("This question does not apply given the other answers, so it must be left empty.",
            "សំណួរនេះមិនពាក់ព័ន្ធតាមចម្លើយផ្សេងទៀតទេ ដូច្នេះត្រូវទុកឱ្យនៅទំនេរ។"),
    UNKNOWN_FIELD("'{field}' is not a question that takes an answer in this form.",
            "'{field}' មិនមែនជាសំណួរដែលត្រូវឆ្លើយក្នុងទម្រង់បែបបទនេះទេ។"),
    CONSENT("Consent or assent was not given, so nothing from this interview may be stored.",
            "មិនមានការយល់ព្រម ដូច្នេះមិនអាចរក្សាទុកព័ត៌មានណាមួយពីការសម្ភាសន៍នេះបានទេ។"),
    TOO_LONG("The text is longer than {max} characters.",
            "អត្ថបទនេះវែងជាង {max} តួអក្សរ។"),
    FORMAT("{what}",
            "{what_km}"),
    RANGE("The value must be {range}.",
            "តម្លៃត្រូវតែ{range_km}។");

    private final String en;
    private final String km;

    ValidationCode(String en, String km) {
        this.en = en;
        this.km = km;
    }

    /** The stable code clients match on, e.g. {@code not_relevant}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Text message(Map<String, String> params) {
        return Text.format(en, km, params);
    }
}
