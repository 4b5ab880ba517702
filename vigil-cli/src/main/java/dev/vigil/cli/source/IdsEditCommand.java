package dev.vigil.cli.source;

import dev.vigil.cli.edit.CibEdit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A write command that applies one edit to the ids it is given ({@code resource delete|enable|
 * disable}, {@code constraint remove}) and reports "VERB ID, ID…".
 */
public abstract class IdsEditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CibTarget target;
    @Parameters(paramLabel = "ID", arity = "1..*")
    List<String> ids;

    /** The edit for these ids. */
    protected abstract CibEdit edit(List<String> ids);

    /** The past tense the command reports with ("deleted"). */
    protected abstract String verb();

    @Override
    public Integer call() {
        return CibRunner.edit(spec, target, edit(ids), cib -> verb() + " " + String.join(", ", ids));
    }
}
