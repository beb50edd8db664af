using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;
using PersonaExplorer.Features.Explore.Care;

namespace PersonaExplorer.BrowserTests.Infrastructure;

/// <summary>
/// Page object for the Explore workspace, built only on the contracted data-testid values.
/// Mud inputs carry the test id on the component; the helpers reach the real input/textarea inside it.
/// </summary>
public sealed class Workspace(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator ModelBadge => Page.GetByTestId("model-badge");
    public ILocator SendButton => Page.GetByTestId("chat-send");
    public ILocator StopButton => Page.GetByTestId("chat-stop");
    public ILocator Messages => Page.GetByTestId("chat-message");
    public ILocator UserMessages => Page.Locator("[data-testid=chat-message][data-role=user]");
    public ILocator AssistantMessages => Page.Locator("[data-testid=chat-message][data-role=assistant]");
    public ILocator LastAssistant => AssistantMessages.Last;
    public ILocator NeedsPanel => Page.GetByTestId("needs-panel");
    public ILocator SolutionsPanel => Page.GetByTestId("solutions-panel");
    public ILocator Sessions => Page.GetByTestId("session-item");
    public ILocator NewSession => Page.GetByTestId("session-new");
    public ILocator ProfileOpen => Page.GetByTestId("profile-open");
    public ILocator Concepts => Page.GetByTestId("concept-item");

    /// <summary>The editable element of a MudTextField carrying <paramref name="testId"/> (on the input itself or on its wrapper).</summary>
    public ILocator TextInput(string testId) => Page.Locator(
        $"textarea[data-testid={testId}], input[data-testid={testId}], " +
        $"[data-testid={testId}] textarea:not([aria-hidden=true]):not([readonly]), [data-testid={testId}] input:not([type=hidden]):not([aria-hidden=true])").First;

    public ILocator ChatInput => TextInput("chat-input");

    public ILocator Concept(string text) => Concepts.Filter(new() { HasText = text });

    // CARE panels.
    public ILocator NeedItems => Page.GetByTestId("need-item");
    public ILocator UpdateSolutions => Page.GetByTestId("needs-update-solutions");
    public ILocator SolutionCards => Page.GetByTestId("solution-card");
    public ILocator SubTasks => Page.GetByTestId("subtask");

    /// <summary>The need whose statement is exactly <paramref name="statement"/>.</summary>
    public ILocator Need(string statement) =>
        NeedItems.Filter(new() { Has = Page.GetByTestId("need-statement").Filter(new() { HasTextRegex = Exactly(statement) }) });

    /// <summary>The solution card whose title is exactly <paramref name="title"/>.</summary>
    public ILocator Card(string title) =>
        SolutionCards.Filter(new() { Has = Page.GetByTestId("solution-title").Filter(new() { HasTextRegex = Exactly(title) }) });

    /// <summary>One option chip of the task-breakdown sub-task titled <paramref name="subTask"/>.</summary>
    public ILocator SubTaskOption(string subTask, string option) =>
        SubTasks.Filter(new() { Has = Page.GetByText(subTask, new() { Exact = true }) })
            .GetByTestId("subtask-option").Filter(new() { HasTextRegex = Exactly(option) });

    /// <summary>The status indicator of a CARE panel agent (data-agent = its <c>AgentNames</c> value).</summary>
    public ILocator AgentStatus(string agent) => Page.Locator($"[data-testid=agent-status][data-agent={agent}]");

    /// <summary>Matches an element whose whole (trimmed) text is <paramref name="text"/>.</summary>
    private static Regex Exactly(string text) => new("^\\s*" + Regex.Escape(text) + "\\s*$");

    /// <summary>The checkbox input of the MudSwitch in a concept row.</summary>
    public ILocator ConceptToggle(string text) =>
        Concept(text).Locator("input[data-testid=concept-toggle], [data-testid=concept-toggle] input[type=checkbox], [data-testid=concept-toggle][type=checkbox]").First;

    /// <summary>Types a message and presses Send (no waiting for the answer).</summary>
    public async Task SendAsync(string text)
    {
        await ChatInput.FillAsync(text);
        await Expect(SendButton).ToBeEnabledAsync();
        await SendButton.ClickAsync();
    }

    /// <summary>
    /// Sends a message and waits until its answer is complete. Returns the answer's text and every
    /// data-status the answer went through (recorded in the page by a MutationObserver, so short
    /// streaming phases between two polls are not missed).
    /// </summary>
    public async Task<(string Text, IReadOnlyList<string> Statuses)> AskAsync(string text, string expectedStatus = "complete")
    {
        // A profile change may regenerate the last answer live: let that finish first.
        await Expect(Page.Locator("[data-testid=chat-message][data-status=streaming]")).ToHaveCountAsync(0);
        var users = await UserMessages.CountAsync();
        var assistants = await AssistantMessages.CountAsync();
        await RecordStatusesAsync();
        await SendAsync(text);

        await Expect(UserMessages).ToHaveCountAsync(users + 1);
        await Expect(UserMessages.Last).ToContainTextAsync(text);
        await Expect(AssistantMessages).ToHaveCountAsync(assistants + 1);
        await Expect(LastAssistant).ToHaveAttributeAsync("data-status", expectedStatus);
        var answer = await AnswerTextAsync(LastAssistant);
        return (answer, await RecordedStatusesAsync());
    }

    /// <summary>The answer's own text ("answer-text" inside a message; the whole message if the app has no such element).</summary>
    public static async Task<string> AnswerTextAsync(ILocator message)
    {
        var body = message.GetByTestId("answer-text");
        var text = await body.CountAsync() > 0 ? await body.First.InnerTextAsync() : await message.InnerTextAsync();
        return text.Trim();
    }

    /// <summary>Installs a MutationObserver recording the status sequence of the newest assistant message.</summary>
    public Task RecordStatusesAsync() => Page.EvaluateAsync("""
        () => {
          window.__peObserver?.disconnect();
          const before = document.querySelectorAll('[data-testid=chat-message][data-role=assistant]').length;
          const seen = window.__peStatuses = [];
          const record = () => {
            const all = document.querySelectorAll('[data-testid=chat-message][data-role=assistant]');
            if (all.length <= before) return;
            const status = all[all.length - 1].getAttribute('data-status');
            if (seen[seen.length - 1] !== status) seen.push(status);
          };
          window.__peObserver = new MutationObserver(record);
          window.__peObserver.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-status'] });
        }
        """);

    public async Task<IReadOnlyList<string>> RecordedStatusesAsync() =>
        await Page.EvaluateAsync<string[]>("() => (window.__peStatuses ?? []).slice()") ?? [];

    /// <summary>
    /// Opens the profile drawer (idempotent). A closed MudDrawer stays in the DOM off-screen, so "open" is read
    /// from the toggle's aria-expanded and the drawer content must be inside the viewport.
    /// </summary>
    public async Task OpenProfileAsync()
    {
        if (await ProfileOpen.GetAttributeAsync("aria-expanded") != "true")
            await ProfileOpen.ClickAsync();
        await Expect(ProfileOpen).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(Page.GetByTestId("profile-drawer")).ToBeInViewportAsync(new() { Ratio = 0.5f });
    }

    /// <summary>Closes the profile drawer if it is open.</summary>
    public async Task CloseProfileAsync()
    {
        if (await ProfileOpen.GetAttributeAsync("aria-expanded") == "true")
            await ProfileOpen.ClickAsync();
        await Expect(ProfileOpen).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(Page.GetByTestId("profile-drawer")).Not.ToBeInViewportAsync();
    }

    public async Task AddConceptAsync(string text)
    {
        var before = await Concept(text).CountAsync();
        await OpenProfileAsync();
        await Page.GetByTestId("concept-add").ClickAsync();
        var field = TextInput("concept-new-text");
        await field.FillAsync(text);
        await Page.GetByTestId("concept-new-save").ClickAsync();
        await Expect(Concept(text)).ToHaveCountAsync(before + 1);
        await Expect(ConceptToggle(text)).ToBeCheckedAsync();
    }

    public async Task SetConceptAsync(string text, bool on)
    {
        var toggle = ConceptToggle(text);
        if (await toggle.IsCheckedAsync() != on) await toggle.ClickAsync();
        await Expect(toggle).ToBeCheckedAsync(new() { Checked = on });
    }

    // ---- Profiles: drawer and /profiles page (both render concept-add / concept-item, so scope to one of them) ----

    public ILocator Drawer => Page.GetByTestId("profile-drawer");
    public ILocator ProfilesPage => Page.GetByTestId("profiles-page");

    /// <summary>A pending proposal (drawer or page) whose text contains <paramref name="text"/>.</summary>
    public ILocator Proposal(ILocator scope, string text) => scope.GetByTestId("concept-proposal").Filter(new() { HasText = text });

    /// <summary>Adds a concept through the Concepts tab of /profiles (the tab must be showing).</summary>
    public async Task AddConceptOnProfilesPageAsync(string text)
    {
        var concepts = ProfilesPage.GetByTestId("profile-concepts");
        var item = concepts.GetByTestId("concept-item").Filter(new() { HasText = text });
        var before = await item.CountAsync();
        await concepts.GetByTestId("concept-add").ClickAsync();
        await concepts.Locator("[data-testid=concept-new-text] input, input[data-testid=concept-new-text]").First.FillAsync(text);
        await concepts.GetByTestId("concept-new-save").ClickAsync();
        await Expect(item).ToHaveCountAsync(before + 1);
    }

    /// <summary>Opens the tab of /profiles whose header carries <paramref name="tabTestId"/> (tab-concepts, tab-history …).</summary>
    public async Task OpenProfilesTabAsync(string tabTestId)
    {
        var tab = Page.Locator(".mud-tab").Filter(new() { Has = Page.GetByTestId(tabTestId) });
        await tab.ClickAsync();
        await Expect(tab).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmud-tab-active\b"));
    }

    /// <summary>Picks the option whose text starts with <paramref name="optionText"/> in the MudSelect carrying <paramref name="testId"/>.</summary>
    public async Task SelectAsync(string testId, string optionText)
    {
        var select = Page.Locator($".mud-select:has([data-testid={testId}]), .mud-select[data-testid={testId}]").First;
        await select.Locator(".mud-input-control").First.ClickAsync();
        var popover = Page.Locator(".mud-popover-open");
        var option = popover.Locator(".mud-list-item").Filter(new() { HasText = optionText }).First;
        await option.ClickAsync();
        await Expect(popover.Locator(".mud-list-item")).ToHaveCountAsync(0);
    }
}
