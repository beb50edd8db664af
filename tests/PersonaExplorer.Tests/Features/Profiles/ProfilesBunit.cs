using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using PersonaExplorer.Ai;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Profiles;

namespace PersonaExplorer.Tests.Features.Profiles;

/// <summary>The shared bUnit setup for the profile components: MudBlazor, loose JS, the real services on a test database.</summary>
public static class ProfilesBunit
{
    public static BunitContext Create(ProfileTestDb db, IChatClient? client = null, ModelInfo? model = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        ctx.Services.AddSingleton<IDbContextFactory<PersonaDbContext>>(db);
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        ctx.Services.AddSingleton(Options.Create(new AiOptions()));
        ctx.Services.AddSingleton(model ?? ModelInfo.Offline);
        ctx.Services.AddSingleton(client ?? new OfflineDemoChatClient(0, [new ProfileCuratorOfflineResponder()]));
        ctx.Services.AddSingleton<EventLog>();
        ctx.Services.AddSingleton<ProfileStore>();
        ctx.Services.AddSingleton<ProfileVersions>();
        ctx.Services.AddSingleton<ProfileImporter>();
        ctx.Services.AddSingleton<ProposalService>();
        ctx.Services.AddSingleton<ConceptUsageRecorder>();
        ctx.Services.AddScoped<ProfileCurator>();
        ctx.Services.AddScoped<ProfileTextBuilder>();
        ctx.Services.AddScoped<SteeringCompare>();
        ctx.Services.AddScoped<AbSource>();
        ctx.Services.AddScoped<ProfileState>();
        return ctx;
    }
}
