using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonaExplorer.SteeringEval;

/// <summary>A scripted steering scenario (scenarios/*.json): a profile, then requests with expectations and edits in between.</summary>
public sealed class Scenario
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>"configured" (default): the configured model's locality decides about private concepts; "cloud" or "local" override it.</summary>
    public string TreatModelAs { get; set; } = "configured";
    public List<ScenarioConcept> Concepts { get; set; } = [];
    public List<ScenarioStep> Steps { get; set; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Scenario Load(string path)
    {
        var s = JsonSerializer.Deserialize<Scenario>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty scenario.");
        if (string.IsNullOrWhiteSpace(s.Name)) s.Name = Path.GetFileNameWithoutExtension(path);
        if (s.Steps.Count == 0) throw new InvalidDataException($"{path}: a scenario needs steps.");
        return s;
    }
}

public sealed class ScenarioConcept
{
    public string Text { get; set; } = "";
    public string Category { get; set; } = "general";
    public double Weight { get; set; } = 1;
    public bool Enabled { get; set; } = true;
    public bool Private { get; set; }
}

public sealed class ScenarioStep
{
    /// <summary>A request to answer under the current concepts.</summary>
    public string? Request { get; set; }
    public Expectation? Expect { get; set; }
    /// <summary>A change to the concepts before the next request.</summary>
    public ScenarioEdit? Edit { get; set; }
}

public sealed class ScenarioEdit
{
    /// <summary>The concept to change (by text).</summary>
    public string? Concept { get; set; }
    public bool? Enabled { get; set; }
    public double? Weight { get; set; }
    public bool? Private { get; set; }
    public string? Text { get; set; }
    public ScenarioConcept? Add { get; set; }
    public string? Remove { get; set; }
}

public sealed class Expectation
{
    /// <summary>Concepts the answer must reflect (exact: quoted by the offline model; real model: LLM judge).</summary>
    public List<string> Reflected { get; set; } = [];
    /// <summary>Concepts that must not be sent nor reflected (disabled, private for a cloud model, removed).</summary>
    public List<string> Absent { get; set; } = [];
    /// <summary>Offline model only: words the answer contains / does not contain.</summary>
    public List<string> OfflineContains { get; set; } = [];
    public List<string> OfflineNotContains { get; set; } = [];
}
