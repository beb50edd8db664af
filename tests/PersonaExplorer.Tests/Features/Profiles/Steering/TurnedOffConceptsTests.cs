using Microsoft.Extensions.DependencyInjection;
using PersonaExplorer.Ai;
using PersonaExplorer.Ai.Agents;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Tests.TestSupport;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Tests.Features.Profiles.Steering;

/// <summary>A concept turned off during a session is named in the prompt as turned off, so earlier answers stop steering.</summary>
public class TurnedOffConceptsTests
{
    // The first offline answer on a fresh workspace embeds the demo catalogue: generous on a loaded machine.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_concept_turned_off_during_the_session_is_named_as_turned_off_and_no_longer_sent_as_a_preference()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await ws.Profile.AddAsync("prefers vegetarian food", "diet");
        await ws.Profile.AddAsync("likes museums", "travel");
        await ws.Profile.AddAsync("early riser", "schedule");
        await ws.Profile.ToggleAsync(ws.Profile.Concepts.Single(c => c.Text == "early riser"), false); // before the session: not named
        await ws.Explore.SendAsync("Plan a day in Vienna");
        await ws.AnswerAsync(Wait);
        var session = ws.Explore.SessionId!.Value;

        await ws.Profile.ToggleAsync(ws.Profile.Concepts.Single(c => c.Text == "prefers vegetarian food"), false);
        await ws.AnswerAsync(Wait); // live steering rewrites the last answer
        var context = await ws.Services.GetRequiredService<SteeringContextBuilder>().ForSessionAsync(session);

        Assert.Equal(["prefers vegetarian food"], context.TurnedOff);
        Assert.Equal(["likes museums"], context.Concepts.Select(c => c.Text));
        var system = ChatPrompt.SystemPrompt(context);
        Assert.Equal(["prefers vegetarian food"], PromptFence.Read(system, ChatPrompt.TurnedOffBlock).Select(i => i.Text));
        Assert.Contains("do not follow them any more", system);
        Assert.DoesNotContain(ChatPrompt.ReadConcepts(system), c => c.Text == "prefers vegetarian food");
        // The panel agents read the same note beside the profile.
        Assert.Contains("<turned_off>", AgentPrompt.Profile(context));
    }

    [Fact]
    public async Task Turning_it_back_on_removes_the_note()
    {
        await using var ws = await Workspace.CreateOfflineAsync();
        await ws.Profile.AddAsync("prefers vegetarian food", "diet");
        await ws.Explore.SendAsync("Plan a day in Vienna");
        await ws.AnswerAsync(Wait);
        var concept = ws.Profile.Concepts.Single();
        await ws.Profile.ToggleAsync(concept, false);
        await ws.AnswerAsync(Wait);

        await ws.Profile.ToggleAsync(ws.Profile.Concepts.Single(), true);
        await ws.AnswerAsync(Wait);
        var context = await ws.Services.GetRequiredService<SteeringContextBuilder>().ForSessionAsync(ws.Explore.SessionId);

        Assert.Empty(context.TurnedOff);
        Assert.Empty(PromptFence.Read(ChatPrompt.SystemPrompt(context), ChatPrompt.TurnedOffBlock));
    }
}
