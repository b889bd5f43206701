package org.tonle.forms;

import java.nio.file.Path;
import java.util.Map;

/** Command-line check of a forms folder: {@code java -cp tonle.jar org.tonle.forms.CheckForms forms}. */
public final class CheckForms {

    private CheckForms() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "forms");
        try {
            Map<String, Form> forms = FormLoader.load(FormSource.directory(dir));
            forms.values().forEach(f -> System.out.println(f.id() + " " + f.version() + ": "
                    + f.questions().size() + " questions, languages " + f.languages()));
        } catch (FormDefinitionException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
