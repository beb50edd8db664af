using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;

namespace PersonaExplorer.Features.Study.Simulation;

/// <summary>The "Study:Simulator" section: which model role-plays simulated participants.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Study:Simulator";

    /// <summary>
    /// The model (OpenAI-compatible) or deployment (Azure OpenAI) of the configured provider that the user simulator uses,
    /// so pilot participants need not be played by the model under study; empty = the configured model.
    /// </summary>
    public string? Model { get; set; }
}

/// <summary>A simulator model that nothing can serve stops the app at start, naming the setting.</summary>
public sealed class SimulatorOptionsValidator(IOptions<AiOptions> ai) : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Model)) return ValidateOptionsResult.Success;
        var model = options.Model.Trim();
        if (ai.Value.Provider == AiProvider.Offline)
            return ValidateOptionsResult.Fail($"{SimulatorOptions.Section}:Model is \"{model}\", but no model provider is configured (Ai:Provider is Offline), "
                + "so nothing can serve it. Configure Ai:Provider and its endpoint, or remove the setting to simulate with the offline demo model.");
        if (model.Length > 200 || model.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return ValidateOptionsResult.Fail($"{SimulatorOptions.Section}:Model must be one model or deployment name, without spaces.");
        return ValidateOptionsResult.Success;
    }
}
