package org.tonle.forms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Khmer of the definition checks' messages, which the loaders write in English for the server's
 * log. Each known message has a Khmer template; names, expressions and values carry over as they are.
 * A message without one is shown in English after a Khmer sentence saying so.
 */
final class ProblemTexts {

    private static final Map<Pattern, String> KM = new LinkedHashMap<>();

    static {
        km("not valid YAML at line (\\d+), column (\\d+): (.*)", "មិនមែនជា YAML ត្រឹមត្រូវទេ នៅបន្ទាត់ $1 ជួរឈរ $2៖ $3");
        km("not valid YAML: (.*)", "មិនមែនជា YAML ត្រឹមត្រូវទេ៖ $1");
        km("the file must be a YAML mapping", "ឯកសារត្រូវតែជា YAML mapping (គន្លឹះ និងតម្លៃ)");
        km("unknown type '(.*)'; use one of (.*) or group", "ប្រភេទ '$1' មិនស្គាល់ទេ។ សូមប្រើប្រភេទមួយក្នុងចំណោម $2 ឬ group");
        km("'(.+)' is missing", "ខ្វះ '$1' (ត្រូវតែមាន)");
        km("'(.+)' has no text in language '(.+)'", "'$1' មិនមានអត្ថបទជាភាសា '$2' ទេ");
        km("'(.+)' in language '(.+)' holds control characters or broken Unicode", "'$1' ជាភាសា '$2' មានតួអក្សរបញ្ជា ឬយូនីកូដខូច");
        km("'(.+)' is in language '(.+)', which the form does not declare", "'$1' មានអត្ថបទជាភាសា '$2' ដែលទម្រង់បែបបទមិនបានប្រកាសទេ");
        km("'(.+)' must give the text in each language.*", "'$1' ត្រូវផ្ដល់អត្ថបទជាភាសានីមួយៗ");
        km("refers to \\$\\{(.+)\\}, which is not a question of this form", "យោងទៅ ${$1} ដែលមិនមែនជាសំណួរនៃទម្រង់បែបបទនេះទេ");
        km("refers to \\$\\{(.+)\\}, a note, which has no value", "យោងទៅ ${$1} ដែលជាកំណត់សម្គាល់ (note) ហើយគ្មានតម្លៃទេ");
        km("(\\w+) does not parse: (.*)", "$1 មិនអាចអានបានទេ៖ $2");
        km("choice list '(.+)' is not defined", "បញ្ជីជម្រើស '$1' មិនត្រូវបានកំណត់ទេ");
        km("the name is used twice in form (.*)", "ឈ្មោះនេះត្រូវបានប្រើពីរដងក្នុងទម្រង់បែបបទ $1");
        km("a name is a letter or '_' followed by letters, digits or '_'", "ឈ្មោះត្រូវចាប់ផ្ដើមដោយអក្សរ ឬ '_' ហើយបន្តដោយអក្សរ លេខ ឬ '_'");
        km("unknown key '(.+)' \\(allowed: (.*)\\)", "គន្លឹះ '$1' មិនស្គាល់ទេ (អាចប្រើ៖ $2)");
        km("calculations refer to each other in a cycle: (.*)", "ការគណនាយោងគ្នាទៅវិញទៅមកជារង្វង់៖ $1");
        km("relevant \\(its own or an enclosing group's\\) reads \\$\\{(.+)\\}, which is asked later in the form.*",
                "លក្ខខណ្ឌបង្ហាញ (relevant) របស់សំណួរនេះ ឬរបស់ក្រុមដែលផ្ទុកវា អាន ${$1} ដែលត្រូវបានសួរនៅពេលក្រោយក្នុងទម្រង់បែបបទ"
                        + " ដូច្នេះវាមិនទាន់មានចម្លើយនៅពេលសំណួរនេះត្រូវបានបង្ហាញទេ");
        km("relevant \\(its own or an enclosing group's\\) depends on this question's own answer.*",
                "លក្ខខណ្ឌបង្ហាញ (relevant) អាស្រ័យលើចម្លើយរបស់សំណួរនេះផ្ទាល់ ដូច្នេះវាមិនអាចត្រូវបានបង្ហាញឡើយ");
        km("(\\w+) could build text of (\\w+) characters from the longest answers; at most (\\d+) are allowed.*",
                "$1 អាចបង្កើតអត្ថបទវែង $2 តួអក្សរ ពីចម្លើយវែងបំផុត។ អនុញ្ញាតយ៉ាងច្រើន $3 តួអក្សរ (concat() បូកប្រវែងនៃផ្នែករបស់វា)");
        km("choice value (.*) must be a quoted word of letters, digits, '_' or '-'",
                "តម្លៃជម្រើស $1 ត្រូវតែជាពាក្យដែលមានតែអក្សរ លេខ '_' ឬ '-'");
        km("choice '(.+)' appears twice", "ជម្រើស '$1' លេចឡើងពីរដង");
        km("only a calculate question has a calculation", "មានតែសំណួរប្រភេទ calculate ទេដែលមានការគណនា (calculation)");
        km("a (\\w+) cannot have a constraint", "សំណួរប្រភេទ $1 មិនអាចមានលក្ខខណ្ឌកំណត់ (constraint) បានទេ");
        km("a (\\w+) cannot be required", "សំណួរប្រភេទ $1 មិនអាចជាសំណួរចាំបាច់ (required) បានទេ");
        km("'\\.' \\(this answer\\) may only be used in a constraint: (.*)", "'.' (ចម្លើយនេះ) អាចប្រើបានតែក្នុង constraint ប៉ុណ្ណោះ៖ $1");
        km("only select_one and select_multiple take choices", "មានតែ select_one និង select_multiple ទេដែលមានជម្រើស");
        km("a consent question must be a select_one with a 'yes' choice", "សំណួរយល់ព្រម (consent) ត្រូវតែជា select_one ដែលមានជម្រើស 'yes'");
        km("a form needs at least one question", "ទម្រង់បែបបទត្រូវមានសំណួរយ៉ាងហោចណាស់មួយ");
        km("language '(.+)' has status '(.*)'; use draft or reviewed", "ភាសា '$1' មានស្ថានភាព '$2'។ សូមប្រើ draft ឬ reviewed");
        km("'languages' must map each language .*", "'languages' ត្រូវភ្ជាប់លេខកូដភាសានីមួយៗទៅនឹងស្ថានភាពនៃការបកប្រែ (draft ឬ reviewed)");
        km("the form id '(.*)' must be .*", "លេខសម្គាល់ទម្រង់បែបបទ '$1' ត្រូវមានពី ១ ដល់ ៦៤ តួ ជាអក្សរតូច លេខ '-' ឬ '_' ហើយចាប់ផ្ដើមដោយអក្សរ ឬលេខ");
        km("this is the draft of form '(.+)', but the definition's id is '(.+)'",
                "នេះជាសេចក្ដីព្រាងនៃទម្រង់បែបបទ '$1' ប៉ុន្តែលេខសម្គាល់នៃនិយមន័យគឺ '$2'");
        km("the version '(.*)' must be .*", "កំណែ '$1' ត្រូវមានពី ១ ដល់ ៦៤ តួ ជាអក្សរ លេខ '.' '-' ឬ '_' (កាលបរិច្ឆេទ ដូចជា 2026-12-05 ឬលេខ)");
        km("a fragment \\(such as the profile\\) .*", "បំណែក (ដូចជា profile) ជាផ្នែកនៃថតទម្រង់បែបបទ ហើយមិនអាចផ្ទុកឡើងបានទេ");
        km("groups are nested more than (\\d+) deep", "ក្រុមត្រូវបានដាក់ក្នុងគ្នាជ្រៅជាង $1 កម្រិត");
        km("a form has at most (\\d+) questions and groups in all", "ទម្រង់បែបបទមួយមានសំណួរ និងក្រុមយ៉ាងច្រើន $1 សរុប");
        km("includes '(.+)', which is not a fragment.*", "រួមបញ្ចូល '$1' ដែលមិនមែនជាបំណែកក្នុងថតទម្រង់បែបបទទេ");
        km("overrides '(.+)', which '(.+)' does not contain", "កែប្រែ '$1' ដែល '$2' មិនមាន");
        km("must be a non-empty list", "ត្រូវតែជាបញ្ជីដែលមិនទទេ");
        km("is defined twice \\(also in (.*)\\)", "ត្រូវបានកំណត់ពីរដង (ក៏នៅក្នុង $1)");
        km("'(\\w+)' must be a list", "'$1' ត្រូវតែជាបញ្ជី");
        km("every entry of 'questions' must be a mapping", "ធាតុនីមួយៗនៃ 'questions' ត្រូវតែជា mapping");
        km("'choices' must map list names to lists of choices", "'choices' ត្រូវភ្ជាប់ឈ្មោះបញ្ជីទៅនឹងបញ្ជីជម្រើស");
        km("id '(.*)' must equal the file name '(.*)'", "លេខសម្គាល់ '$1' ត្រូវតែដូចឈ្មោះឯកសារ '$2'");
        // the indicators' checks
        km("(\\w+) refers to \\$\\{(.+)\\}, which is not a question of form (.+)", "$1 យោងទៅ ${$2} ដែលមិនមែនជាសំណួរនៃទម្រង់បែបបទ $3 ទេ");
        km("disaggregation '(.+)': '(.+)' is not a select_one or calculate question of form (.+)",
                "ការបែងចែក '$1'៖ '$2' មិនមែនជាសំណួរ select_one ឬ calculate នៃទម្រង់បែបបទ $3 ទេ");
        km("category must be one of R, O, A, M, X \\(ROAM-X\\), not '(.*)'", "ប្រភេទ (category) ត្រូវតែជា R, O, A, M ឬ X (ROAM-X) មិនមែន '$1' ទេ");
        km("'(.+)' must give the text in English and Khmer.*", "'$1' ត្រូវផ្ដល់អត្ថបទជាភាសាអង់គ្លេស និងខ្មែរ");
        km("the id is used twice", "លេខសម្គាល់នេះត្រូវបានប្រើពីរដង");
        km("an id is lower-case letters, digits and '_'", "លេខសម្គាល់មានតែអក្សរតូច លេខ និង '_'");
    }

    private ProblemTexts() {
    }

    private static void km(String en, String km) {
        KM.put(Pattern.compile(en), km);
    }

    static Text translate(DefinitionProblem p) {
        return text(p.message());
    }

    /** An indicator problem, as the indicator loader words it after the file name ("indicator 'x': ..."). */
    static Text indicator(String message) {
        return text(message.replaceFirst("^indicator '[^']*': ", ""));
    }

    static Text text(String en) {
        for (Map.Entry<Pattern, String> e : KM.entrySet()) {
            Matcher m = e.getKey().matcher(en);
            if (m.matches()) {
                String km = e.getValue();
                for (int g = m.groupCount(); g >= 1; g--) {
                    km = km.replace("$" + g, m.group(g));
                }
                return Text.of(en, km);
            }
        }
        return Text.of(en, "និយមន័យនេះមានបញ្ហា (សារខាងក្រោមជាភាសាអង់គ្លេស)៖ " + en);
    }

    /** What a problem is about, as an author reads it: "question 'age' (relevant)". */
    static String where(DefinitionProblem p) {
        DefinitionProblem.Subject s = p.subject();
        String what = switch (s.kind()) {
            case FORM -> "form";
            case QUESTION -> "question '" + s.name() + "'";
            case GROUP -> "group '" + s.name() + "'";
            case CHOICE_LIST -> "choice list '" + s.name() + "'";
            case CHOICE -> "choice list '" + s.name() + "', choice '" + s.item() + "'";
            case INDICATOR -> "indicator '" + s.name() + "'";
        };
        return p.key() == null ? what : what + " (" + p.key() + ")";
    }
}
