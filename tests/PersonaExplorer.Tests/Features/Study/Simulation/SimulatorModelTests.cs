using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Features.Study.Simulation;
using PersonaExplorer.Tests.Ai.Fakes;
using PersonaExplorer.Tests.TestSupport;

namespace PersonaExplorer.Tests.Features.Study.Simulation;

/// <summary>The user simulator has its own model setting (Study:Simulator:Model), and fails loudly when that model cannot answer.</summary>
public sealed class SimulatorModelTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = default!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly StudyTask Task1 = new() { Title = "Choose a laptop", Instructions = "Pick one." };

    private UserSimulator Simulator(string? model)
    {
        var options = Options.Create(new AiOptions { TimeoutSeconds = 10, MaxRetries = 0 }.PointAt(_server, AiProvider.OpenAI, model: "default-model"));
        var client = AiExtensions.CreateChatClient(options.Value);
        var runner = new AgentRunner(client, Options.Create(new AgentOptions()), options, NullLogger<AgentRunner>.Instance, new ChatClients(client, options, []));
        return new UserSimulator(runner, model);
    }

    [Fact]
    public async Task The_simulator_asks_its_own_model()
    {
        _server.DefaultReply = FakeReply.Normal("""{"message":"Something light, please.","done":false}""");

        var turn = await Simulator("simulator-model").NextTurnAsync("Busy student.", Task1, [], 0, CancellationToken.None);

        Assert.Equal("Something light, please.", turn.Message);
        Assert.Equal("simulator-model", Assert.Single(_server.Requests).Model);
    }

    [Fact]
    public async Task Without_the_setting_the_configured_model_plays_the_participant()
    {
        _server.DefaultReply = FakeReply.Normal("""{"message":"Hi","done":true}""");

        await Simulator(null).NextTurnAsync("Busy student.", Task1, [], 0, CancellationToken.None);

        Assert.Equal("default-model", Assert.Single(_server.Requests).Model);
    }

    [Fact]
    public async Task A_simulator_model_the_server_does_not_have_fails_the_run_naming_the_setting_instead_of_inventing_a_turn()
    {
        _server.DefaultReply = FakeReply.Error(404, "The model `no-such-model` does not exist.", "model");
        var simulator = Simulator("no-such-model");

        var turn = await Assert.ThrowsAsync<InvalidOperationException>(() => simulator.NextTurnAsync("Busy student.", Task1, [], 0, CancellationToken.None));
        var questionnaire = await Assert.ThrowsAsync<InvalidOperationException>(() => simulator.AnswerAsync("Busy student.",
            [new QuestionnaireItem("custom", "ease", 0, "How easy was it?", ItemType.Likert, 7, "hard", "easy")], CancellationToken.None));

        foreach (var error in new[] { turn.Message, questionnaire.Message })
        {
            Assert.Contains("Study:Simulator:Model", error);
            Assert.Contains("no-such-model", error);
            Assert.Contains("404", error);
        }
    }

    [Theory]
    [InlineData(AiProvider.Offline, "gpt-4o-mini", false)]
    [InlineData(AiProvider.OpenAI, "gpt-4o-mini", true)]
    [InlineData(AiProvider.AzureOpenAI, "sim-deployment", true)]
    [InlineData(AiProvider.OpenAI, "two words", false)]
    [InlineData(AiProvider.Offline, "", true)]
    public void A_simulator_model_nothing_can_serve_is_refused_with_the_settings_name(AiProvider provider, string model, bool valid)
    {
        var result = new SimulatorOptionsValidator(Options.Create(new AiOptions { Provider = provider })).Validate(null, new SimulatorOptions { Model = model });

        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Study:Simulator:Model", result.FailureMessage);
    }

    [Fact]
    public void The_app_does_not_start_with_a_simulator_model_and_no_provider()
    {
        var dir = Directory.CreateTempSubdirectory("pe-sim-model-").FullName;
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in TestDatabase.HostSettings(dir)) b.UseSetting(key, value);
            b.UseSetting("Ai:Provider", "Offline");
            b.UseSetting("Study:Simulator:Model", "gpt-4o-mini");
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Study:Simulator:Model is \"gpt-4o-mini\", but no model provider is configured", error.ToString());
    }
}
