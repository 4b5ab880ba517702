package dev.vigil.cli.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cib.CibXml;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.Configuration;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.Group;
import dev.vigil.model.cib.NvSet;
import dev.vigil.model.cib.OrderConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared pieces of every edit: ids, attribute sets, the resource tree, loops, validation. */
class FoundationTest {
    @Test
    void idsAreCollectedFromEveryElementAndFreshOnesAvoidThem() {
        Set<String> ids = ConfigIds.all(TestCibs.web().configuration());
        assertTrue(ids.containsAll(List.of("1", "2", "web", "ip", "ip-instance_attributes",
                "ip-instance_attributes-state", "site", "db")), ids.toString());
        assertEquals("web-1", ConfigIds.fresh("web", ids));
        assertEquals("cli-prefer-web", ConfigIds.fresh("cli-prefer-web", ids));
        assertEquals("id-1web", ConfigIds.fresh("1web", ids));
        assertEquals("a-b", ConfigIds.fresh("a b", ids));
        assertThrows(EditException.class, () -> ConfigIds.requireValid("resource", "9lives"));
        EditException dup = assertThrows(EditException.class,
                () -> ConfigIds.requireUnused("resource", "site", TestCibs.web().configuration()));
        assertTrue(dup.getMessage().contains("'site' is already used"), dup.getMessage());
    }

    @Test
    void nvSetsEditTheFirstPlainSetAndDropEmptyOnes() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("a", "1");
        set.put("b", "2");
        List<NvSet> sets = NvSets.apply(List.of(), "r-meta_attributes", set, Set.of());
        assertEquals(1, sets.size());
        assertEquals("r-meta_attributes", sets.get(0).id());
        assertEquals("r-meta_attributes-a", sets.get(0).pairs().get(0).id());
        Map<String, String> change = new LinkedHashMap<>();
        change.put("a", "3");
        change.put("b", null);
        sets = NvSets.apply(sets, "ignored", change, Set.of());
        assertEquals(Map.of("a", "3"), NvSets.plainValues(sets));
        Map<String, String> remove = new LinkedHashMap<>();
        remove.put("a", "");
        assertEquals(List.of(), NvSets.apply(sets, "ignored", remove, Set.of()));
    }

    @Test
    void unknownResourceNamesTheClosestIds() {
        Configuration c = TestCibs.web().configuration();
        UnknownIdException e = assertThrows(UnknownIdException.class, () -> Resources.require(c, "sit"));
        assertEquals("resource 'sit' does not exist (did you mean 'site'?)", e.getMessage());
        assertEquals("web", Resources.top(c, "site").id());
        assertEquals("group", Resources.kind(Resources.require(c, "web")));
    }

    @Test
    void removingTheLastMemberOfAGroupRemovesTheGroup() {
        Configuration c = TestCibs.web().configuration();
        c = Resources.rewrite(c, "ip", r -> null);
        assertEquals(List.of("site"), ((Group) Resources.require(c, "web")).children().stream()
                .map(dev.vigil.model.cib.Resource::id).toList());
        c = Resources.rewrite(c, "site", r -> null);
        assertEquals(List.of("db"), Resources.allIds(c));
    }

    @Test
    void orderLoopsCountTheOrderAGroupImplies() {
        Configuration c = TestCibs.web().configuration();
        assertEquals(List.of(), ConstraintLoops.find(c));
        Configuration loop = withConstraint(c, order("o1", "site", "ip"));
        assertEquals(List.of("mandatory order loop: ip then site then ip"), ConstraintLoops.find(loop));
        Configuration optional = withConstraint(c, new OrderConstraint("o1", "site", "ip", null, null, "Optional",
                null, null, null, List.of()));
        assertEquals(List.of(), ConstraintLoops.find(optional));
    }

    @Test
    void validationRefusesOnlyWhatTheEditAdds() {
        Cib before = TestCibs.web();
        CibEdit addLoop = CibEdit.ofConfiguration(c -> withConstraint(withConstraint(c, order("o1", "db", "web")),
                order("o2", "web", "db")));
        EditException e = assertThrows(EditException.class, () -> Validation.applyChecked(before, addLoop));
        assertEquals("the change is refused: mandatory order loop: db then web then db", e.getMessage());
        CibEdit dangling = CibEdit.ofConfiguration(c -> withConstraint(c, order("o3", "db", "nothere")));
        e = assertThrows(EditException.class, () -> Validation.applyChecked(before, dangling));
        assertTrue(e.getMessage().contains("'nothere'"), e.getMessage());
        Cib broken = Validation.applyChecked(before, c -> c).withConfiguration(
                withConstraint(before.configuration(), order("o3", "db", "nothere")));
        Cib repaired = Validation.applyChecked(broken, CibEdit.ofConfiguration(c -> withConstraint(c,
                order("o4", "db", "site"))));
        assertEquals(2, repaired.configuration().constraints().size());
    }

    @Test
    void editsComposeInOrder() {
        CibEdit a = CibEdit.ofConfiguration(c -> Resources.rewrite(c, "db", r -> null));
        CibEdit b = CibEdit.ofConfiguration(c -> Resources.rewrite(c, "db", r -> r));
        assertThrows(UnknownIdException.class, () -> a.andThen(b).apply(TestCibs.web()));
        assertEquals(CibXml.write(TestCibs.web()), CibXml.write(b.apply(TestCibs.web())));
    }

    static OrderConstraint order(String id, String first, String then) {
        return new OrderConstraint(id, first, then, null, null, null, null, null, null, List.of());
    }

    static Configuration withConstraint(Configuration c, Constraint k) {
        List<Constraint> all = new ArrayList<>(c.constraints());
        all.add(k);
        return c.withConstraints(all);
    }
}
