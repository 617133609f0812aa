package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dftools.lint.rules.Rules;
import org.junit.jupiter.api.Test;

/** The compile-time index must say exactly what the annotations say, for every shipped rule. */
class RuleInfoIndexTest {

    @Test
    void everyShippedRuleIsIndexedWithItsAnnotatedMetadata() {
        int checked = 0;
        for (Rule rule : Rules.all()) {
            RuleMeta indexed = RuleInfoIndex.find(rule.getClass().getName());
            assertNotNull(indexed, rule.getClass().getName() + " is not in the index");
            assertEquals(RuleMeta.fromAnnotation(rule.getClass()), indexed, rule.getClass().getName());
            checked++;
        }
        assertEquals(Rules.all().size(), checked);
        System.out.println("RuleInfoIndexTest: " + checked + " rules, index == annotations");
    }

    @RuleInfo(code = "DF9998", slug = "test-only", severity = Severity.INFO, summary = "A rule only tests know.")
    private static final class TestOnlyRule {
    }

    @Test
    void aRuleOutsideTheIndexIsReadFromItsAnnotation() {
        assertNull(RuleInfoIndex.find(TestOnlyRule.class.getName()));
        RuleMeta meta = RuleMeta.of(TestOnlyRule.class);
        assertEquals("DF9998", meta.code());
        assertEquals("test-only", meta.slug());
        assertEquals(Severity.INFO, meta.severity());
        assertEquals(true, meta.enabledByDefault());
    }
}
