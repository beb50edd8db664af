using System.Text;
using System.Text.Json.Nodes;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Profiles.Transfer;

namespace PersonaExplorer.Tests.Features.Profiles.Transfer;

public class ProfileTransferTests
{
    private static Profile Sample()
    {
        var p = new Profile { Name = "Trips & food" };
        p.Concepts.Add(new Concept { Text = "prefers vegetarian food", Category = "diet", Weight = 0.8, Source = ConceptSource.Stated, SortOrder = 1, Evidence = "I don't eat \"meat\"" });
        p.Concepts.Add(new Concept { Text = "dislikes long flights (over 4h)", Category = "travel", Weight = -0.6, Enabled = false, Source = ConceptSource.Inferred, SortOrder = 2 });
        p.Concepts.Add(new Concept { Text = "vegan for religious reasons", Category = "diet", Weight = 1, IsPrivate = true, SortOrder = 3 });
        p.Concepts.Add(new Concept { Text = "only this session", SessionId = Guid.NewGuid(), SortOrder = 4 });
        return p;
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Json_export_round_trips_and_skips_session_scoped_concepts()
    {
        var json = ProfileTransfer.ToJson(Sample());
        Assert.Contains("\"schema\": \"personaexplorer.profile\"", json);
        Assert.Contains("\"version\": 1", json);

        var parsed = ProfileTransfer.Parse("p.json", Bytes(json));

        Assert.True(parsed.Ok, string.Join("; ", parsed.Errors));
        var doc = parsed.Document!;
        Assert.Equal("Trips & food", doc.Name);
        Assert.Equal(3, doc.Concepts.Count);
        Assert.All(doc.Concepts, c => Assert.Equal(ConceptSource.Imported, c.Source));
        Assert.Equal(new ConceptDraft("dislikes long flights (over 4h)", "travel", -0.6, false, ConceptSource.Imported), doc.Concepts[1]);
        Assert.True(doc.Concepts[2].IsPrivate);
        Assert.Equal("I don't eat \"meat\"", doc.Concepts[0].Evidence);
    }

    [Fact]
    public void Markdown_export_is_readable_and_reimports_the_same_concepts()
    {
        var md = ProfileTransfer.ToMarkdown(Sample());
        Assert.StartsWith("# Trips & food\n", md);
        Assert.Contains("## diet", md);
        Assert.Contains("- [x] prefers vegetarian food (weight +0.8, source stated)", md);
        Assert.Contains("- [ ] dislikes long flights (over 4h) (weight -0.6, source inferred)", md);
        Assert.Contains("(weight +1.0, source stated, private)", md);
        Assert.DoesNotContain("only this session", md);

        var fromMd = ProfileTransfer.Parse("p.md", Bytes(md));
        var fromJson = ProfileTransfer.Parse("p.json", Bytes(ProfileTransfer.ToJson(Sample())));
        Assert.True(fromMd.Ok, string.Join("; ", fromMd.Errors));
        Assert.Equal(fromJson.Document!.Name, fromMd.Document!.Name);
        Assert.Equal(fromJson.Document.Concepts.OrderBy(c => c.Text), fromMd.Document.Concepts.OrderBy(c => c.Text));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "one JSON object")]
    [InlineData("""{"schema":"other","version":1,"name":"x","concepts":[]}""", "\"schema\" must be")]
    [InlineData("""{"schema":"personaexplorer.profile","version":2,"name":"x","concepts":[]}""", "Unsupported version 2")]
    [InlineData("""{"schema":"personaexplorer.profile","version":"1","name":"x","concepts":[]}""", "\"version\" is missing or not a number")]
    [InlineData("""{"schema":"personaexplorer.profile","version":1,"name":5,"concepts":[]}""", "\"name\" must be a string, found a number")]
    [InlineData("""{"schema":"personaexplorer.profile","version":1,"name":"x","concepts":{}}""", "\"concepts\" must be an array")]
    [InlineData("""{"schema":"personaexplorer.profile","version":1,"name":"x","concepts":[{"text":3}]}""", "concepts[0].text must be a string, found a number")]
    [InlineData("""{"schema":"personaexplorer.profile","version":1,"name":"x","concepts":[{"text":"a","weight":"high"}]}""", "concepts[0].weight must be a number from -1 to 1")]
    [InlineData("""{"schema":"personaexplorer.profile","version":1,"name":"x","concepts":[{"text":"a","weight":3}]}""", "concepts[0].weight must be a number from -1 to 1, found 3")]
    [InlineData("""{"schema":"personaexplorer.profile","version":1,"name":"x","concepts":[{"text":"a","enabled":"yes"}]}""", "concepts[0].enabled must be true or false")]
    [InlineData("""{"schema":"personaexplorer.profile","version":1,"name":"x","concepts":[{"text":"a"},{"text":"A."}]}""", "appears twice")]
    [InlineData("""{"schema":"personaexplorer.profile","version":1,"name":"x","concepts":[{"text":""}]}""", "needs some text")]
    [InlineData("# x\n\n- [x] ok (weight 7, source stated)", "weight must be a number from -1 to 1")]
    [InlineData("# x\n<!-- personaexplorer.profile version 9 -->\n- [x] ok", "unsupported version 9")]
    [InlineData("- [x] no heading", "needs a \"# Profile name\" heading")]
    [InlineData("# x\n- not a concept", "expected a concept line")]
    public void Invalid_files_are_rejected_with_a_reason(string content, string reason)
    {
        var result = ProfileTransfer.Parse(content.StartsWith('#') || content.StartsWith('-') ? "p.md" : "p.json", Bytes(content));
        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Limits_on_size_concept_count_and_text_length_are_enforced()
    {
        var big = new byte[ProfileTransfer.MaxFileBytes + 1];
        Array.Fill(big, (byte)' ');
        Assert.Contains("too large", ProfileTransfer.Parse("p.json", big).Errors[0]);

        var many = new JsonArray(Enumerable.Range(0, ProfileTransfer.MaxConcepts + 1).Select(i => (JsonNode)new JsonObject { ["text"] = $"c{i}" }).ToArray());
        var doc = new JsonObject { ["schema"] = ProfileTransfer.Schema, ["version"] = 1, ["name"] = "x", ["concepts"] = many };
        Assert.Contains("Too many concepts", ProfileTransfer.Parse("p.json", Bytes(doc.ToJsonString())).Errors[0]);

        var longText = new JsonObject { ["schema"] = ProfileTransfer.Schema, ["version"] = 1, ["name"] = "x", ["concepts"] = new JsonArray(new JsonObject { ["text"] = new string('a', 301) }) };
        Assert.Contains("at most 300 characters", ProfileTransfer.Parse("p.json", Bytes(longText.ToJsonString())).Errors[0]);

        Assert.Contains("not UTF-8", ProfileTransfer.Parse("p.json", [0xff, 0xfe, 0x00, 0x7b]).Errors[0]);
    }

    [Fact]
    public async Task Import_as_new_profile_and_as_replacement_are_versioned()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var json = Bytes(ProfileTransfer.ToJson(Sample()));

        var created = await t.Importer.ImportAsync("trips.json", json, ImportMode.NewProfile);
        Assert.True(created.Ok);
        var p = (await t.Store.GetAsync(created.ProfileId!.Value))!;
        Assert.Equal(3, p.Concepts.Count);
        Assert.All(p.Concepts, c => Assert.Equal(ConceptSource.Imported, c.Source));
        var v = Assert.Single(await t.Versions.ListAsync(p.Id));
        Assert.Equal("import", v.Author);

        var target = await t.ProfileWithAsync("Mine", "likes museums");
        var replaced = await t.Importer.ImportAsync("trips.md", Bytes(ProfileTransfer.ToMarkdown(Sample())), ImportMode.ReplaceConcepts, target.Id);
        Assert.True(replaced.Ok);
        // Markdown groups by category, so the order follows the sections.
        Assert.Equal(["prefers vegetarian food", "vegan for religious reasons", "dislikes long flights (over 4h)"],
            (await t.Store.GetAsync(target.Id))!.Concepts.Select(c => c.Text));
        var history = await t.Versions.ListAsync(target.Id);
        Assert.StartsWith("import of 'trips.md'", history[0].Summary);
        // The state before the import is one restore away.
        await t.Versions.RestoreAsync(target.Id, history[1].Number);
        Assert.Equal("likes museums", Assert.Single((await t.Store.GetAsync(target.Id))!.Concepts).Text);
    }

    [Fact]
    public async Task Two_hundred_mutated_files_never_change_the_database_when_they_fail()
    {
        await using var t = await ProfileTestDb.CreateAsync();
        var target = await t.ProfileWithAsync("Target", "likes museums", "budget-conscious");
        var valid = ProfileTransfer.ToJson(Sample());
        var rng = new Random(20261125);
        var failures = 0;
        for (var i = 0; i < 200; i++)
        {
            var mutated = Mutate(valid, rng);
            var before = await t.DumpAsync();
            var mode = i % 2 == 0 ? ImportMode.ReplaceConcepts : ImportMode.NewProfile;
            var outcome = await t.Importer.ImportAsync(i % 5 == 0 ? "m.md" : "m.json", mutated, mode, target.Id);
            if (!outcome.Ok)
            {
                failures++;
                Assert.NotEmpty(outcome.Errors);
                Assert.All(outcome.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e)));
                Assert.Equal(before, await t.DumpAsync());
            }
        }
        Assert.True(failures > 100, $"only {failures} of 200 mutations failed: the fuzzer is too gentle");
    }

    private static byte[] Mutate(string valid, Random rng)
    {
        switch (rng.Next(7))
        {
            case 0: // flip random bytes
            {
                var b = Encoding.UTF8.GetBytes(valid);
                for (var k = 0; k < 1 + rng.Next(4); k++) b[rng.Next(b.Length)] = (byte)rng.Next(256);
                return b;
            }
            case 1: // truncate
                return Encoding.UTF8.GetBytes(valid[..rng.Next(valid.Length)]);
            case 2: // delete a span
            {
                var start = rng.Next(valid.Length);
                return Encoding.UTF8.GetBytes(valid.Remove(start, Math.Min(valid.Length - start, 1 + rng.Next(20))));
            }
            case 3: // insert structural characters
            {
                var at = rng.Next(valid.Length);
                var junk = new[] { "{", "}", "[", "]", ",", "\"", ":", "null", "\\u0000", "1e999" }[rng.Next(10)];
                return Encoding.UTF8.GetBytes(valid.Insert(at, junk));
            }
            default: // well-formed JSON with a wrong-typed or out-of-range value
            {
                var root = JsonNode.Parse(valid)!.AsObject();
                var concepts = root["concepts"]!.AsArray();
                var c = concepts[rng.Next(concepts.Count)]!.AsObject();
                JsonNode?[] bad = [null, 42, "text", true, new JsonArray(), new JsonObject(), 1.5, -7, new string('x', 400)];
                var field = new[] { "text", "weight", "enabled", "private", "category", "evidence", "version", "schema", "name", "concepts" }[rng.Next(10)];
                var value = bad[rng.Next(bad.Length)]?.DeepClone();
                if (field is "version" or "schema" or "name" or "concepts") root[field] = value;
                else c[field] = value;
                return Encoding.UTF8.GetBytes(root.ToJsonString());
            }
        }
    }
}
