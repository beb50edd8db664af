using System.Reflection;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Study.Export;

namespace PersonaExplorer.Tests.Data;

public class EventTypesTests
{
    private static IEnumerable<string> Constants() =>
        typeof(EventTypes).GetNestedTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_event_type_constant_has_a_meaning_in_the_catalogue()
    {
        var listed = EventTypes.All.Select(t => t.Name).ToHashSet();
        Assert.All(Constants(), c => Assert.Contains(c, listed));
        Assert.Equal(EventTypes.All.Count, listed.Count); // no type listed twice
    }

    [Fact]
    public void The_export_codebook_lists_every_event_type()
    {
        var codebook = Codebook.Markdown("Study", includesSimulated: false, includesPilot: false);

        Assert.All(EventTypes.All, t => Assert.Contains($"| `{t.Name}` | ", codebook));
    }

    [Fact]
    public void Every_concept_action_the_drawer_records_is_a_catalogued_type()
    {
        foreach (var action in new[] { "edit", "recategorize", "reweight", "enable", "disable", "private", "public", "scope-session", "scope-profile" })
            Assert.Contains(EventTypes.Concepts.Of(action), Constants());
    }
}
