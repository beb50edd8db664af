using PersonaExplorer.Ai;
using PersonaExplorer.Components;
using PersonaExplorer.Data;
using PersonaExplorer.Features.Explore;
using PersonaExplorer.Features.Profiles;
using PersonaExplorer.Features.Study;

// The output folder is the content root: the repository's root appsettings.json is copied there (see the csproj).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddData();
builder.AddAi();
builder.AddProfiles();
builder.AddExplore();
builder.AddStudy();
builder.AddWebUi();

var app = builder.Build();
app.UseWebUi();
app.Run();

public partial class Program;
