package org.tonle.http;

import java.util.Map;
import org.tonle.forms.Text;

/**
 * The catalogue of every error the API returns: a stable code clients match on, the HTTP status,
 * and the message in English and Khmer. Messages may hold {name} placeholders.
 * Rendered in one place, {@link FailureHandler}.
 */
public enum ProblemCode {
    REQUEST_MALFORMED("request.malformed", 400,
            "The request body is not valid JSON.",
            "ខ្លឹមសារនៃសំណើមិនមែនជា JSON ត្រឹមត្រូវទេ។"),
    REQUEST_INVALID("request.invalid", 400,
            "The request is not valid: {reason}",
            "សំណើនេះមិនត្រឹមត្រូវទេ៖ {reason_km}"),
    REQUEST_TOO_LARGE("request.too_large", 413,
            "The request body is larger than the limit of {max} bytes.",
            "ខ្លឹមសារនៃសំណើធំជាងដែនកំណត់ {max} បៃ។"),
    REQUEST_BAD_HTTP("request.bad_http", 400,
            "The request is not valid HTTP.",
            "សំណើនេះមិនមែនជា HTTP ត្រឹមត្រូវទេ។"),
    REQUEST_URI_TOO_LONG("request.uri_too_long", 414,
            "The address of this request is too long.",
            "អាសយដ្ឋាននៃសំណើនេះវែងពេក។"),
    REQUEST_HEADERS_TOO_LARGE("request.headers_too_large", 431,
            "The request's headers are too large.",
            "ក្បាលនៃសំណើ (headers) ធំពេក។"),
    REQUEST_UNSUPPORTED_ENCODING("request.unsupported_encoding", 415,
            "The request body is encoded as '{encoding}', which this server does not accept; send it as gzip, deflate or uncompressed.",
            "ខ្លឹមសារនៃសំណើត្រូវបានអ៊ិនកូដជា '{encoding}' ដែលម៉ាស៊ីនមេនេះមិនទទួលយកទេ។ សូមផ្ញើជា gzip, deflate ឬដោយមិនបង្ហាប់។"),
    REQUEST_BAD_COMPRESSION("request.bad_compression", 400,
            "The compressed request body is damaged and could not be decompressed.",
            "ខ្លឹមសារដែលបានបង្ហាប់នៃសំណើនេះខូច ហើយមិនអាចពន្លាបានទេ។"),
    NOT_FOUND("not_found", 404,
            "There is nothing at this address.",
            "គ្មានអ្វីនៅអាសយដ្ឋាននេះទេ។"),
    METHOD_NOT_ALLOWED("method_not_allowed", 405,
            "This address does not accept this method.",
            "អាសយដ្ឋាននេះមិនទទួលវិធីសាស្ត្រនេះទេ។"),
    FORM_NOT_FOUND("form.not_found", 404,
            "There is no form with id '{id}'.",
            "គ្មានទម្រង់បែបបទដែលមានលេខសម្គាល់ '{id}' ទេ។"),
    FORM_UNKNOWN_VERSION("form.unknown_version", 422,
            "Form '{id}' has no published version '{version}', so this response cannot be checked against the form it was made with. Update the forms on the phone; leave formVersion out to use the current version.",
            "ទម្រង់បែបបទ '{id}' មិនមានកំណែ '{version}' ដែលបានផ្សព្វផ្សាយទេ ដូច្នេះមិនអាចពិនិត្យចម្លើយនេះតាមទម្រង់បែបបទដែលវាត្រូវបានធ្វើឡើងបានទេ។ សូមធ្វើបច្ចុប្បន្នភាពទម្រង់បែបបទនៅលើទូរស័ព្ទ។ បើមិនដាក់ formVersion ទេ កំណែបច្ចុប្បន្ននឹងត្រូវប្រើ។"),
    FORM_VERSION_NOT_FOUND("form.version_not_found", 404,
            "Form '{id}' has no published version '{version}'.",
            "ទម្រង់បែបបទ '{id}' មិនមានកំណែ '{version}' ដែលបានផ្សព្វផ្សាយទេ។"),
    FORM_VERSION_NOT_NEWER("form.version_not_newer", 409,
            "Form '{id}' cannot be published as version '{version}': its current version is '{current}', and each new version must be newer (a later date or a higher number). Change the version and upload it again.",
            "មិនអាចផ្សព្វផ្សាយទម្រង់បែបបទ '{id}' ជាកំណែ '{version}' បានទេ៖ កំណែបច្ចុប្បន្នរបស់វាគឺ '{current}' ហើយកំណែថ្មីនីមួយៗត្រូវតែថ្មីជាង (កាលបរិច្ឆេទក្រោយ ឬលេខធំជាង)។ សូមប្ដូរកំណែ ហើយផ្ទុកឡើងម្ដងទៀត។"),
    FORM_INVALID("form.invalid", 422,
            "The form definition has {count} problem(s), so it cannot be used. Each detail says where the problem is (sheet and cell, or line and column) and what to change.",
            "និយមន័យទម្រង់បែបបទមានបញ្ហាចំនួន {count} ដូច្នេះមិនអាចប្រើបានទេ។ ព័ត៌មានលម្អិតនីមួយៗប្រាប់ពីទីតាំងនៃបញ្ហា (សន្លឹក និងក្រឡា ឬបន្ទាត់ និងជួរឈរ) និងអ្វីដែលត្រូវកែ។"),
    FORM_EXISTS("form.exists", 409,
            "Form '{id}' already exists. Upload its next version as the form's draft instead (POST /api/v1/forms/{id}/draft).",
            "ទម្រង់បែបបទ '{id}' មានរួចហើយ។ សូមផ្ទុកឡើងកំណែបន្ទាប់របស់វាជាសេចក្ដីព្រាងរបស់ទម្រង់បែបបទនោះជំនួសវិញ (POST /api/v1/forms/{id}/draft)។"),
    FORM_NO_DRAFT("form.no_draft", 404,
            "Form '{id}' has no draft. Upload one first.",
            "ទម្រង់បែបបទ '{id}' មិនមានសេចក្ដីព្រាងទេ។ សូមផ្ទុកឡើងមួយជាមុនសិន។"),
    FORM_UNSUPPORTED_FORMAT("form.unsupported_format", 415,
            "Send the form as an XLSForm workbook (.xlsx, Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) or in Tonle's YAML (Content-Type application/yaml).",
            "សូមផ្ញើទម្រង់បែបបទជាឯកសារ XLSForm (.xlsx) ឬជា YAML របស់ទន្លេ (Content-Type application/yaml)។"),
    SUBMISSION_INVALID("submission.invalid", 422,
            "The submission was not stored because some answers are not valid; see details.",
            "ការបញ្ជូននេះមិនត្រូវបានរក្សាទុកទេ ព្រោះចម្លើយខ្លះមិនត្រឹមត្រូវ។ សូមមើលព័ត៌មានលម្អិត។"),
    SUBMISSION_CONFLICT("submission.conflict", 409,
            "A different submission with instanceId '{instanceId}' was already received; this one was not stored.",
            "ការបញ្ជូនផ្សេងមួយដែលមាន instanceId '{instanceId}' ត្រូវបានទទួលរួចហើយ។ ការបញ្ជូននេះមិនត្រូវបានរក្សាទុកទេ។"),
    INDICATOR_NOT_FOUND("indicator.not_found", 404,
            "There is no indicator with id '{id}'.",
            "គ្មានសូចនាករដែលមានលេខសម្គាល់ '{id}' ទេ។"),
    INDICATOR_BREAKDOWN("indicator.unsupported_breakdown", 400,
            "Indicator '{id}' cannot be broken down by '{by}'. Supported: {supported}.",
            "សូចនាករ '{id}' មិនអាចបែងចែកតាម '{by}' បានទេ។ អាចបែងចែកតាម៖ {supported}។"),
    RECOMPUTE_TOO_LARGE("indicators.recompute_too_large", 503,
            "Recompute would read {count} submissions, more than this server can hold in memory at once ({limit}); nothing was changed. Give it more memory (JAVA_OPTS -Xmx, TONLE_RECOMPUTE_MAX) or use MongoDB (MONGO_URI).",
            "ការគណនាឡើងវិញនឹងអានការបញ្ជូនចំនួន {count} ដែលលើសពីអ្វីដែលម៉ាស៊ីនមេនេះអាចផ្ទុកក្នុងអង្គចងចាំក្នុងពេលតែមួយ ({limit})។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។ សូមបន្ថែមអង្គចងចាំ ឬប្រើ MongoDB។"),
    RECOMPUTE_INTERRUPTED("indicators.recompute_interrupted", 500,
            "The server process running this recompute stopped before it finished. Each table is either corrected or as it was; start the recompute again.",
            "ដំណើរការម៉ាស៊ីនមេដែលកំពុងគណនាឡើងវិញបានឈប់មុនពេលបញ្ចប់។ តារាងនីមួយៗត្រូវបានកែ ឬនៅដដែល។ សូមចាប់ផ្ដើមការគណនាឡើងវិញម្ដងទៀត។"),
    RELEASE_NOT_FOUND("release.not_found", 404,
            "There is no release '{number}'. GET /api/v1/releases lists the releases made so far.",
            "គ្មានការចេញផ្សាយលេខ '{number}' ទេ។ GET /api/v1/releases បង្ហាញការចេញផ្សាយដែលបានធ្វើរួច។"),
    RELEASE_IN_PROGRESS("release.in_progress", 409,
            "Another release is being made right now (number {number}). Wait until it is complete, then make yours: each release is compared with the one before it.",
            "ការចេញផ្សាយមួយទៀតកំពុងត្រូវបានធ្វើឥឡូវនេះ (លេខ {number})។ សូមរង់ចាំរហូតដល់វាបញ្ចប់ រួចធ្វើការចេញផ្សាយរបស់អ្នក៖ ការចេញផ្សាយនីមួយៗត្រូវបានប្រៀបធៀបជាមួយការចេញផ្សាយមុន។"),
    AUTH_REQUIRED("auth.required", 401,
            "Log in first: this needs a valid token, and the one sent is missing, expired or no longer valid.",
            "សូមចូលប្រើប្រាស់ជាមុនសិន៖ សកម្មភាពនេះត្រូវការថូខឹនត្រឹមត្រូវ ប៉ុន្តែថូខឹនដែលបានផ្ញើមិនមាន ផុតកំណត់ ឬលែងមានសុពលភាពហើយ។"),
    AUTH_BAD_CREDENTIALS("auth.bad_credentials", 401,
            "The username or the password is wrong.",
            "ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវទេ។"),
    AUTH_FORBIDDEN("auth.forbidden", 403,
            "Your account may not do this.",
            "គណនីរបស់អ្នកមិនមានសិទ្ធិធ្វើសកម្មភាពនេះទេ។"),
    RATE_LIMITED("rate_limited", 429,
            "Too many attempts. Please wait {retryAfter} seconds and try again.",
            "ការព្យាយាមច្រើនដងពេក។ សូមរង់ចាំ {retryAfter} វិនាទី រួចព្យាយាមម្ដងទៀត។"),
    USER_EXISTS("user.exists", 409,
            "There is already a user named '{username}', or with a name that looks the same.",
            "មានអ្នកប្រើឈ្មោះ '{username}' ឬឈ្មោះដែលមើលទៅដូចគ្នា រួចហើយ។"),
    USER_LAST_ADMIN("user.last_admin", 409,
            "This would leave no enabled admin, and nobody could manage accounts any more. Make another user admin first.",
            "សកម្មភាពនេះនឹងធ្វើឱ្យគ្មានអ្នកគ្រប់គ្រង (admin) ដែលកំពុងប្រើបាននៅសល់ ហើយគ្មាននរណាម្នាក់អាចគ្រប់គ្រងគណនីបានទៀតទេ។ សូមតែងតាំងអ្នកប្រើម្នាក់ទៀតជាអ្នកគ្រប់គ្រងជាមុនសិន។"),
    USER_TEAM_INVALID("user.team_invalid", 422,
            "The team cannot be set: {reason}. A team belongs to a supervisor and holds enumerators.",
            "មិនអាចកំណត់ក្រុមបានទេ៖ {reason}។ ក្រុមមួយជារបស់អ្នកត្រួតពិនិត្យ ហើយមានអ្នកស្ទង់មតិជាសមាជិក។"),
    REVIEW_COMMENT_REQUIRED("review.comment_required", 422,
            "Rejecting a submission needs a comment that says why, so that it can be followed up.",
            "ការបដិសេធការបញ្ជូនត្រូវការមតិយោបល់ដែលប្រាប់ពីមូលហេតុ ដើម្បីអាចតាមដានបន្តបាន។"),
    SUBMISSION_NOT_CURRENT("submission.not_current", 409,
            "Submission '{instanceId}' has been corrected since; only its current version ('{current}') may be replaced. Nothing was stored.",
            "ការបញ្ជូន '{instanceId}' ត្រូវបានកែតម្រូវរួចហើយ។ អាចជំនួសបានតែកំណែបច្ចុប្បន្នរបស់វា ('{current}') ប៉ុណ្ណោះ។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។"),
    SUBMISSION_IN_TRASH("submission.in_trash", 409,
            "Submission '{instanceId}' is in the trash: restore it before changing it.",
            "ការបញ្ជូន '{instanceId}' ស្ថិតនៅក្នុងធុងសំរាម៖ សូមស្ដារវាមកវិញមុននឹងកែប្រែ។"),
    RESTORE_EXPIRED("submission.restore_expired", 410,
            "Submission '{instanceId}' was deleted more than {days} days ago and can no longer be restored.",
            "ការបញ្ជូន '{instanceId}' ត្រូវបានលុបលើសពី {days} ថ្ងៃមកហើយ ហើយមិនអាចស្ដារវិញបានទៀតទេ។"),
    USER_NOT_FOUND("user.not_found", 404,
            "There is no user '{id}'.",
            "គ្មានអ្នកប្រើ '{id}' ទេ។"),
    POLL_NOT_FOUND("poll.not_found", 404,
            "There is no poll with code '{code}'. Check the code or scan the QR code again.",
            "គ្មានការស្ទង់មតិដែលមានលេខកូដ '{code}' ទេ។ សូមពិនិត្យលេខកូដ ឬស្កេនកូដ QR ម្ដងទៀត។"),
    POLL_CLOSED("poll.closed", 403,
            "This poll is not open for answers now. It is open from {opensAt} to {closesAt} (UTC).",
            "ការស្ទង់មតិនេះមិនបើកទទួលចម្លើយនៅពេលនេះទេ។ វាបើកពី {opensAt} ដល់ {closesAt} (UTC)។"),
    POLL_FULL("poll.full", 409,
            "This poll has reached its limit of {cap} responses; your answer was not stored.",
            "ការស្ទង់មតិនេះបានទទួលចម្លើយគ្រប់ចំនួនកំណត់ {cap} ហើយ។ ចម្លើយរបស់អ្នកមិនត្រូវបានរក្សាទុកទេ។"),
    POLL_ALREADY_ANSWERED("poll.already_answered", 409,
            "This device has already answered this poll. Thank you!",
            "ឧបករណ៍នេះបានឆ្លើយការស្ទង់មតិនេះរួចហើយ។ សូមអរគុណ!"),
    POLL_RESPONDENT_REQUIRED("poll.respondent_required", 400,
            "Open the poll first: answering needs the respondent token it gives.",
            "សូមបើកការស្ទង់មតិជាមុនសិន៖ ការឆ្លើយត្រូវការថូខឹនអ្នកឆ្លើយដែលវាផ្ដល់ឱ្យ។"),
    POLL_RESULTS_PRIVATE("poll.results_private", 403,
            "The organiser has not made this poll's results public.",
            "អ្នករៀបចំមិនបានផ្សព្វផ្សាយលទ្ធផលនៃការស្ទង់មតិនេះជាសាធារណៈទេ។"),
    POLL_INVALID("poll.invalid", 422,
            "The poll was not created: {reason}",
            "ការស្ទង់មតិមិនត្រូវបានបង្កើតទេ៖ {reason_km}"),
    REQUEST_TIMEOUT("request.timeout", 503,
            "The server took too long to answer. Please try again: a submission sent again is stored only once.",
            "ម៉ាស៊ីនមេឆ្លើយយឺតពេក។ សូមព្យាយាមម្ដងទៀត។"),
    STORE_UNAVAILABLE("store.unavailable", 503,
            "The database is not answering, so nothing was stored. Please try again.",
            "មូលដ្ឋានទិន្នន័យមិនឆ្លើយតប ដូច្នេះគ្មានអ្វីត្រូវបានរក្សាទុកទេ។ សូមព្យាយាមម្ដងទៀត។"),
    INTERNAL("internal", 500,
            "Something went wrong on the server. Please try again; if it persists, report request id {requestId}.",
            "មានបញ្ហាកើតឡើងនៅលើម៉ាស៊ីនមេ។ សូមព្យាយាមម្ដងទៀត។ បើនៅតែមានបញ្ហា សូមរាយការណ៍លេខសំណើ {requestId}។");

    private final String code;
    private final int status;
    private final String en;
    private final String km;

    ProblemCode(String code, int status, String en, String km) {
        this.code = code;
        this.status = status;
        this.en = en;
        this.km = km;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Text message(Map<String, String> params) {
        return Text.format(en, km, params);
    }
}
