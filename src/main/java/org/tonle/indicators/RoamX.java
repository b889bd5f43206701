package org.tonle.indicators;

import java.util.Map;
import org.tonle.forms.Text;

/** UNESCO's Internet Universality (ROAM-X) categories. */
public final class RoamX {

    private static final Map<String, Text> NAMES = Map.of(
            "R", Text.of("Rights", "សិទ្ធិ"),
            "O", Text.of("Openness", "ភាពបើកចំហ"),
            "A", Text.of("Accessibility to all", "លទ្ធភាពប្រើប្រាស់សម្រាប់ទាំងអស់គ្នា"),
            "M", Text.of("Multistakeholder participation", "ការចូលរួមពីភាគីពាក់ព័ន្ធច្រើន"),
            "X", Text.of("Cross-cutting", "បញ្ហាឆ្លងវិស័យ"));

    private RoamX() {
    }

    public static Text name(String category) {
        return NAMES.get(category);
    }
}
