using System.Text.Json;
using PersonaExplorer.Ai.Structured;

namespace PersonaExplorer.Tests.Ai.Structured;

public class StrictSchemaRulesTests
{
    private static IReadOnlyList<string> Check(string schema) => StrictSchemaRules.Violations(JsonDocument.Parse(schema).RootElement);

    [Theory]
    [MemberData(nameof(StructuredTypes.Names), MemberType = typeof(StructuredTypes))]
    public void Every_schema_the_app_sends_follows_the_strict_mode_rules(string type)
    {
        var schema = StructuredTypes.Named(type).Schema;

        Assert.Empty(StrictSchemaRules.Violations(schema));
    }

    [Fact]
    public void A_schema_that_follows_the_rules_passes()
    {
        Assert.Empty(Check("""
            {"type":"object","additionalProperties":false,"required":["a","b"],
             "properties":{"a":{"type":["string","null"]},"b":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["c"],"properties":{"c":{"type":"integer","enum":[1,2]}}}}}}
            """));
    }

    [Theory]
    [InlineData("""{"type":"object","additionalProperties":false,"required":[],"properties":{"a":{"type":"string"}}}""", "$.a: must be listed in required")]
    [InlineData("""{"type":"object","required":["a"],"properties":{"a":{"type":"string"}}}""", "$: additionalProperties must be false")]
    [InlineData("""{"type":"object","additionalProperties":true,"required":[],"properties":{}}""", "$: additionalProperties must be false")]
    [InlineData("""{"type":"object","additionalProperties":false,"required":["a"],"properties":{"a":{"type":"string","default":"x"}}}""", "keyword \"default\" is not supported")]
    [InlineData("""{"type":"object","additionalProperties":false,"required":["a"],"properties":{"a":{"type":"string","minLength":2}}}""", "keyword \"minLength\" is not supported")]
    [InlineData("""{"anyOf":[{"type":"object"}]}""", "the root must be an object schema")]
    [InlineData("""{"type":"array","items":{"type":"string"}}""", "the root must be an object schema")]
    [InlineData("""{"type":"object","additionalProperties":false,"required":["a","ghost"],"properties":{"a":{"type":"string"}}}""", "required names \"ghost\"")]
    [InlineData("""{"type":"object","additionalProperties":false,"required":["a"],"properties":{"a":{"type":"object","properties":{"b":{"type":"string"}}}}}""", "$.a.b: must be listed in required")]
    [InlineData("""{"type":"object","additionalProperties":false,"required":["a"],"properties":{"a":{"$ref":"https://example.com/s.json"}}}""", "points outside the schema")]
    public void A_schema_that_breaks_a_rule_is_reported_with_where(string schema, string expected)
    {
        var violations = Check(schema);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Nesting_deeper_than_ten_levels_is_reported()
    {
        var schema = """{"type":"string"}""";
        for (var i = 0; i < 12; i++)
            schema = """{"type":"object","additionalProperties":false,"required":["n"],"properties":{"n":""" + schema + "}}";

        Assert.Contains(Check(schema), v => v.Contains("nested deeper than 10"));
    }
}
