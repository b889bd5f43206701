package org.tonle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answers an interview in the enumerator client screen by screen, as a person taps through it. */
final class FormFiller {

    private FormFiller() {
    }

    /**
     * Answers every visible question from {@code answers} (numbers typed as given, e.g. in Khmer
     * digits), leaving optional questions it has no answer for blank, taps Next until the review
     * screen, and returns the names of the questions shown.
     */
    static List<String> fill(Page page, Map<String, Object> answers) {
        List<String> shown = new ArrayList<>();
        for (int screen = 0; screen < 60; screen++) {
            page.locator("#submit, #next").first().waitFor();
            if (page.locator("#submit").isVisible()) {
                return shown;
            }
            Locator blocks = page.locator("[data-question]:visible");
            for (int i = 0; i < blocks.count(); i++) {
                Locator block = blocks.nth(i);
                String name = block.getAttribute("data-question");
                shown.add(name);
                if (block.locator("input, textarea").count() == 0) {
                    continue; // a note
                }
                if (!answers.containsKey(name) && block.locator("[aria-required='true']").count() == 0) {
                    continue; // an optional question left blank, as an enumerator may (e.g. a village code not to hand)
                }
                assertThat(answers).as("an answer for '%s' is needed", name).containsKey(name);
                answer(block, answers.get(name));
            }
            page.locator("#next").click();
            List<String> errors = page.locator(".field-error:visible").allInnerTexts();
            assertThat(errors).as("errors after answering %s", shown).isEmpty();
        }
        throw new AssertionError("no review screen after 60 screens");
    }

    static void answer(Locator block, Object value) {
        if (value instanceof List<?> many) {
            for (Object v : many) {
                block.locator("input[value='" + v + "']").check();
            }
        } else if (block.locator("input[type=radio]").count() > 0) {
            block.locator("input[value='" + value + "']").check();
        } else {
            block.locator("input, textarea").first().fill(String.valueOf(value));
        }
    }
}
