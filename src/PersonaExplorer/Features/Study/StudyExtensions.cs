using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Study.Export;
using PersonaExplorer.Ai.Offline;

namespace PersonaExplorer.Features.Study;

public static class StudyExtensions
{
    /// <summary>Study mode (researchers sign in with the app's accounts, see AddAccounts): studies, participant flow, export, dashboard, simulation.</summary>
    public static IHostApplicationBuilder AddStudy(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<PersonaExplorer.Features.Accounts.IUnownedData, PersonaExplorer.Features.Accounts.NoUnownedData>();
        services.AddSingleton<StudyEventTagger>();
        services.AddSingleton<IEventTagger>(sp => sp.GetRequiredService<StudyEventTagger>());
        services.AddScoped<StudyStore>();
        services.AddScoped<StudySharing>();
        services.AddSingleton<StudyDeletion>();
        services.AddSingleton<ParticipantFlow>();
        services.AddSingleton<StudyExporter>();
        services.AddSingleton<Dashboard.StudyDashboardData>();
        services.AddScoped<Simulation.SimulatedParticipantRunner>();
        services.AddOptions<Simulation.SimulatorOptions>().BindConfiguration(Simulation.SimulatorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Simulation.SimulatorOptions>, Simulation.SimulatorOptionsValidator>();
        services.AddScoped<Simulation.ISimulatedWorkspaceActions, Simulation.CareSimulatedActions>();
        services.AddOfflineDemoModel();
        services.AddCurrentPerson();
        return builder;
    }

    /// <summary>Endpoints: exports.</summary>
    public static IEndpointRouteBuilder MapStudy(this IEndpointRouteBuilder app)
    {
        app.MapStudyExport();
        return app;
    }
}
