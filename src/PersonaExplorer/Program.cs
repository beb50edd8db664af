using PersonaExplorer.Ai;
using PersonaExplorer.Components;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Accounts;
using PersonaExplorer.Features.Accounts.Ownership;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Limits;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Study;
using PersonaExplorer.Hosting;

// The output folder is the content root: the repository's root appsettings.json is copied there (see the csproj).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = DataCommands.HostArgs(args), ContentRootPath = AppContext.BaseDirectory });

builder.AddData();
builder.AddAccounts();
builder.AddAi();
builder.AddLimits();
builder.AddProfiles();
builder.AddExplore();
builder.AddStudy();
builder.AddOwnership();
builder.AddWebUi();
builder.AddScaleOut();

var app = builder.Build();
// `migrate` and `copy-from-sqlite` run against the configured database and exit (README: Running on PostgreSQL).
if (DataCommands.IsCommand(args)) return await DataCommands.RunAsync(app.Services, args);

app.UseWebUi();
app.MapHealth();
app.MapOwnership();
app.Run();
return 0;

public partial class Program;
