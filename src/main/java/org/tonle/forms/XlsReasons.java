package org.tonle.forms;

import java.util.Map;

/** Why the XLSForm columns and types that Tonle has no counterpart for are refused, in English and Khmer. */
final class XlsReasons {

    private XlsReasons() {
    }

    private static final Text MEDIA = Text.of("Tonle's questionnaires show text only",
            "កម្រងសំណួររបស់ទន្លេបង្ហាញតែអត្ថបទប៉ុណ្ណោះ");
    private static final Text NONE = Text.of("Tonle has no such feature", "ទន្លេមិនមានមុខងារនេះទេ");

    static final Map<String, Text> SURVEY = Map.ofEntries(
            Map.entry("required_message", Text.of("Tonle shows its own message, in every language, when a required question"
                    + " is left unanswered; remove this column", "ទន្លេបង្ហាញសាររបស់ខ្លួនជាគ្រប់ភាសា នៅពេលសំណួរចាំបាច់មិនត្រូវបានឆ្លើយ។"
                    + " សូមដកជួរឈរនេះចេញ")),
            Map.entry("choice_filter", Text.of("Tonle has no choice filters (cascading selects); use separate questions"
                    + " with relevant", "ទន្លេមិនមានតម្រងជម្រើស (choice filter) ទេ។ សូមប្រើសំណួរដាច់ដោយឡែកជាមួយ relevant")),
            Map.entry("default", Text.of("Tonle has no default answers", "ទន្លេមិនមានចម្លើយលំនាំដើមទេ")),
            Map.entry("read_only", Text.of("Tonle has no read-only questions; use a note or a calculate",
                    "ទន្លេមិនមានសំណួរសម្រាប់តែអានទេ។ សូមប្រើ note ឬ calculate")),
            Map.entry("trigger", NONE), Map.entry("repeat_count", Text.of("Tonle has no repeats", "ទន្លេមិនមានការធ្វើម្ដងទៀត (repeat) ទេ")),
            Map.entry("parameters", NONE), Map.entry("guidance_hint", NONE), Map.entry("body", NONE),
            Map.entry("media", MEDIA), Map.entry("image", MEDIA), Map.entry("audio", MEDIA), Map.entry("video", MEDIA),
            Map.entry("big-image", MEDIA), Map.entry("media::image", MEDIA));

    static final Map<String, Text> CHOICES = Map.of(
            "media", MEDIA, "image", MEDIA, "audio", MEDIA, "video", MEDIA,
            "filter", Text.of("Tonle has no choice filters", "ទន្លេមិនមានតម្រងជម្រើសទេ"));

    static final Map<String, Text> SETTINGS = Map.of(
            "instance_name", Text.of("Tonle names responses by their instanceId", "ទន្លេដាក់ឈ្មោះចម្លើយតាម instanceId របស់វា"),
            "submission_url", Text.of("responses are sent to the Tonle server they were downloaded from",
                    "ចម្លើយត្រូវបានផ្ញើទៅម៉ាស៊ីនមេទន្លេដែលវាត្រូវបានទាញយកពី"),
            "public_key", Text.of("Tonle does not encrypt responses on the phone", "ទន្លេមិនអ៊ិនគ្រីបចម្លើយនៅលើទូរស័ព្ទទេ"),
            "style", NONE, "allow_choice_duplicates", Text.of("choice values must be unique in each list",
                    "តម្លៃជម្រើសត្រូវតែមានតែមួយគត់ក្នុងបញ្ជីនីមួយៗ"),
            "namespaces", NONE, "auto_send", NONE, "auto_delete", NONE);

    /** Question types XLSForm has and Tonle has not. */
    static Text type(String type) {
        String t = type.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("begin repeat") || t.startsWith("begin_repeat") || t.startsWith("end repeat") || t.startsWith("end_repeat")) {
            return Text.of("Tonle has no repeats", "ទន្លេមិនមានការធ្វើម្ដងទៀត (repeat) ទេ");
        }
        if (t.matches("start|end|today|deviceid|phonenumber|username|email|audit|simserial|subscriberid|start-geopoint")) {
            return Text.of("Tonle records who collected a response and when (collectedAt) itself; delete this row",
                    "ទន្លេកត់ត្រាដោយខ្លួនឯងនូវអ្នកប្រមូល និងពេលវេលានៃចម្លើយ (collectedAt)។ សូមលុបជួរនេះ");
        }
        if (t.contains("or_other")) {
            return Text.of("Tonle has no 'or_other'; add an 'other' choice and a text question with relevant",
                    "ទន្លេមិនមាន 'or_other' ទេ។ សូមបន្ថែមជម្រើស 'other' និងសំណួរអត្ថបទជាមួយ relevant");
        }
        return Text.of("Tonle's question types are select_one, select_multiple, integer, decimal, text, date, note and"
                + " calculate, with begin group and end group", "ប្រភេទសំណួររបស់ទន្លេគឺ select_one, select_multiple, integer,"
                + " decimal, text, date, note និង calculate ព្រមទាំង begin group និង end group");
    }
}
