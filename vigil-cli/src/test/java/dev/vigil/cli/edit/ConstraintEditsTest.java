package dev.vigil.cli.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.show.Text;
import dev.vigil.model.cib.AttributeExpression;
import dev.vigil.model.cib.Cib;
import dev.vigil.model.cib.ColocationConstraint;
import dev.vigil.model.cib.Constraint;
import dev.vigil.model.cib.LocationConstraint;
import dev.vigil.model.cib.OrderConstraint;
import dev.vigil.model.cib.Rule;
import dev.vigil.model.cib.TicketConstraint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constraint, move/ban and rule edits: ids, scores, kinds, and each wrong input. */
class ConstraintEditsTest {
    static Cib apply(Cib c, CibEdit e) {
        return Validation.applyChecked(c, e);
    }

    static Constraint only(Cib c) {
        assertEquals(1, c.configuration().constraints().size(), c.configuration().constraints().toString());
        return c.configuration().constraints().get(0);
    }

    @Test
    void locationPrefersAndAvoidsOneConstraintPerNodeAndReplacesTheOldScore() {
        Cib c = apply(TestCibs.web(), ConstraintEdits.location("web", true, List.of("node1=50"), false));
        assertEquals(new LocationConstraint("location-web-node1-50", "web", null, null, "node1", "50", null, List.of(),
                List.of()), only(c));
        c = apply(c, ConstraintEdits.location("web", true, List.of("node1=100"), false));
        assertEquals("100", ((LocationConstraint) only(c)).score());
        c = apply(TestCibs.web(), ConstraintEdits.location("db", false, List.of("node2"), false));
        assertEquals("-INFINITY", ((LocationConstraint) only(c)).score());
        assertEquals("location-db-node2--INFINITY", only(c).id());
        assertThrows(EditException.class, () -> ConstraintEdits.location("db", false, List.of("node2=-5"), false)
                .apply(TestCibs.web()));
        EditException node = assertThrows(UnknownIdException.class, () -> ConstraintEdits.location("db", true,
                List.of("nod1"), false).apply(TestCibs.web()));
        assertTrue(node.getMessage().startsWith("node 'nod1' is not in the configuration (did you mean 'node1'?)"),
                node.getMessage());
        apply(TestCibs.web(), ConstraintEdits.location("db", true, List.of("node7"), true));
    }

    @Test
    void locationRulesParseThePcsSyntax() {
        Cib c = apply(TestCibs.web(), ConstraintEdits.locationRule("web", null, List.of("score=-INFINITY", "not_defined",
                "pingd", "or", "pingd", "lte", "integer", "0")));
        Rule r = ((LocationConstraint) only(c)).rules().get(0);
        assertEquals(-1_000_000, r.score());
        assertTrue(r.isOr());
        assertEquals(new AttributeExpression("location-web-rule-expr-1", "pingd", "lte", "0", "integer", null),
                r.expressions().get(1));
        assertEquals("score=-INFINITY not_defined pingd or pingd lte integer 0", Text.rule(r));
        EditException mixed = assertThrows(EditException.class, () -> RuleParser.parse("r", List.of("a", "eq", "1", "and",
                "b", "eq", "2", "or", "c", "eq", "3")));
        assertTrue(mixed.getMessage().contains("mixes 'and' and 'or'"), mixed.getMessage());
        assertThrows(EditException.class, () -> RuleParser.parse("r", List.of("date", "gt", "tomorrow")));
        assertThrows(EditException.class, () -> RuleParser.parse("r", List.of("a", "like", "b")));
        assertThrows(EditException.class, () -> RuleParser.parse("r", List.of("score=lots", "a", "eq", "b")));
        assertEquals("date in_range 2030-01-01 to 2030-02-01", Text.rule(RuleParser.parse("r", List.of("date", "in_range",
                "2030-01-01", "to", "2030-02-01"))).substring("score=INFINITY ".length()));
    }

    @Test
    void colocationOrderAndTicketTakeRolesKindsAndOptions() {
        Cib c = apply(TestCibs.web(), ConstraintEdits.colocation(List.of("Promoted", "db", "with", "web", "-100")));
        assertEquals(new ColocationConstraint("colocation-db-web--100", "db", "web", "Promoted", null, "-100", null, null,
                List.of()), only(c));
        c = apply(TestCibs.web(), ConstraintEdits.order(List.of("Optional", "stop", "db", "then", "web", "symmetrical=false")));
        assertEquals(new OrderConstraint("order-db-web-optional", "db", "web", "stop", null, "Optional", null, "false", null,
                List.of()), only(c));
        c = apply(TestCibs.web(), ConstraintEdits.ticket("T", List.of("db", "loss-policy=stop")));
        assertEquals(new TicketConstraint("ticket-T-db", "db", null, "T", "stop", List.of()), only(c));
        assertThrows(EditException.class, () -> ConstraintEdits.order(List.of("db", "after", "web")).apply(TestCibs.web()));
        EditException kind = assertThrows(EditException.class, () -> ConstraintEdits.order(List.of("db", "then", "web",
                "kind=Always")).apply(TestCibs.web()));
        assertTrue(kind.getMessage().contains("kind 'Always' is not one of Mandatory, Optional, Serialize"), kind.getMessage());
        EditException option = assertThrows(EditException.class, () -> ConstraintEdits.colocation(List.of("db", "with", "web",
                "scor=5")).apply(TestCibs.web()));
        assertTrue(option.getMessage().contains("unknown option 'scor' (did you mean 'score'?)"), option.getMessage());
        assertThrows(EditException.class, () -> ConstraintEdits.colocation(List.of("db", "with", "db")).apply(TestCibs.web()));
        assertThrows(EditException.class, () -> ConstraintEdits.ticket("T", List.of("db", "loss-policy=cry"))
                .apply(TestCibs.web()));
        EditException dup = assertThrows(EditException.class, () -> ConstraintEdits.order(List.of("db", "then", "web",
                "id=ip")).apply(TestCibs.web()));
        assertTrue(dup.getMessage().contains("'ip' is already used"), dup.getMessage());
    }

    @Test
    void removeTakesConstraintOrRuleIdsAndSuggestsOnTypos() {
        Cib c = apply(TestCibs.web(), ConstraintEdits.locationRule("web", "on-one", List.of("#uname", "eq", "node1")));
        Cib x = c;
        UnknownIdException e = assertThrows(UnknownIdException.class, () -> ConstraintEdits.remove(List.of("on-on")).apply(x));
        assertEquals("no constraint 'on-on' (did you mean 'on-one'?)", e.getMessage());
        assertEquals(List.of(), apply(c, ConstraintEdits.remove(List.of("on-one-rule"))).configuration().constraints());
    }

    @Test
    void moveAndBanExpireAndAreListedAsLeftoversUntilCleared() {
        Instant expiry = Instant.parse("2030-01-01T10:00:00Z");
        Cib c = apply(TestCibs.web(), MoveEdits.ban("web", "node1", null, false));
        c = apply(c, MoveEdits.move("web", "node1", expiry, false));
        assertEquals(List.of(new MoveEdits.Leftover("cli-prefer-web", "web", "node1", false, "2030-01-01T10:00:00Z", false)),
                MoveEdits.leftovers(c.configuration(), Instant.parse("2029-12-31T00:00:00Z")), "the move drops the ban there");
        assertTrue(MoveEdits.leftovers(c.configuration(), expiry).get(0).expired());
        c = apply(c, MoveEdits.ban("db", "node2", null, false));
        assertEquals(new MoveEdits.Leftover("cli-ban-db-on-node2", "db", "node2", true, null, false),
                MoveEdits.leftovers(c.configuration(), expiry).get(1));
        c = apply(c, MoveEdits.clear("web", null));
        assertEquals(List.of("cli-ban-db-on-node2"), c.configuration().constraints().stream().map(Constraint::id).toList());
        EditException member = assertThrows(EditException.class, () -> MoveEdits.move("ip", "node2", null, false)
                .apply(TestCibs.web()));
        assertTrue(member.getMessage().contains("move or ban 'web' instead"), member.getMessage());
    }

    @Test
    void datesAndLifetimes() {
        assertEquals(Instant.parse("2030-01-31T00:00:00Z"), Dates.parse("2030-01-31"));
        assertEquals(java.time.Duration.ofMinutes(30), Dates.lifetime("30min"));
        assertEquals(java.time.Duration.ofDays(2), Dates.lifetime("2d"));
        assertEquals(java.time.Duration.ofHours(1), Dates.lifetime("PT1H"));
        assertThrows(EditException.class, () -> Dates.lifetime("soon"));
        assertThrows(EditException.class, () -> Dates.lifetime("0s"));
    }
}
