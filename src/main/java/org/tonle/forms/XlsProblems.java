package org.tonle.forms;

import java.util.ArrayList;
import java.util.List;

/** The problems found while reading a workbook, each at its sheet, row and column, in English and Khmer. */
class XlsProblems {

    static final XlsProblems IGNORE = new XlsProblems() {
        @Override
        void add(String sheet, int row, String column, String en, String km) {
        }
    };

    private final List<LocatedProblem> problems = new ArrayList<>();

    void add(String sheet, int row, String column, String en, String km) {
        problems.add(LocatedProblem.cell(sheet, row, column, null, en, km));
    }

    List<LocatedProblem> list() {
        return problems;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }
}
