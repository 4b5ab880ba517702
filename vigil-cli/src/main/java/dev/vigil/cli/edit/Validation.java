package dev.vigil.cli.edit;

import dev.vigil.cib.CibProblem;
import dev.vigil.cib.CibValidator;
import dev.vigil.model.cib.Cib;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an edited CIB must pass before it is written: everything the daemon checks
 * ({@link CibValidator}: ids unique, references resolve, scores, roles, kinds…) plus the
 * constraint loops of {@link ConstraintLoops}. Only problems the edit adds count, so a CIB with
 * old problems can still be repaired one step at a time.
 */
public final class Validation {
    private Validation() {
    }

    /** The problems {@code after} has that {@code before} had not, one sentence each. */
    public static List<String> newProblems(Cib before, Cib after) {
        List<String> out = new ArrayList<>();
        CibValidator.newProblems(before, after).stream().map(CibProblem::message).forEach(out::add);
        Set<String> oldLoops = new HashSet<>(ConstraintLoops.find(before.configuration()));
        ConstraintLoops.find(after.configuration()).stream().filter(l -> !oldLoops.contains(l)).forEach(out::add);
        return out;
    }

    /** Applies {@code edit} and checks the result; throws naming every problem, so nothing is written. */
    public static Cib applyChecked(Cib before, CibEdit edit) {
        Cib after = edit.apply(before);
        List<String> problems = newProblems(before, after);
        if (!problems.isEmpty()) {
            throw new EditException("the change is refused: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""), problems);
        }
        return after;
    }
}
