using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using PersonaExplorer.Ai;
using PersonaExplorer.Features.Profiles;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using PersonaExplorer.Features.Profiles.Steering;

namespace PersonaExplorer.Tests;

/// <summary>The rooms of the app and what each may use (wwwroot/docs/ARCHITECTURE.md), checked on the compiled app.</summary>
public class ArchitectureRulesTests
{
    private static readonly Architecture App = new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build();

    private static readonly IObjectProvider<IType> Features =
        Types().That().ResideInNamespaceOrBelow("PersonaExplorer.Features").As("the features");

    [Fact]
    public void The_model_layer_uses_no_feature() =>
        Types().That().ResideInNamespaceOrBelow("PersonaExplorer.Ai").Should().NotDependOnAny(Features).Check(App);

    [Fact]
    public void The_data_layer_uses_no_feature() =>
        Types().That().ResideInNamespaceOrBelow("PersonaExplorer.Data").Should().NotDependOnAny(Features).Check(App);

    [Fact]
    public void Profiles_do_not_use_the_workspace() =>
        Types().That().ResideInNamespaceOrBelow("PersonaExplorer.Features.Profiles").Should()
            .NotDependOnAny(Types().That().ResideInNamespaceOrBelow("PersonaExplorer.Features.Explore").As("the workspace"))
            .Check(App);

    [Fact]
    public void Only_the_steering_context_builder_creates_a_turn_context() =>
        MethodMembers().That().AreConstructors().And().AreDeclaredIn(typeof(TurnContext)).Should()
            .NotBeCalledBy(Types().That().AreNot(typeof(TurnContext))
                .And().DoNotHaveFullNameStartingWith(typeof(SteeringContextBuilder).FullName!)
                .As("anything but the steering context builder"))
            .Check(App);

    [Fact]
    public void There_is_no_separate_responder_agent() =>
        Types().That().HaveName("ResponderAgent").Should().NotExist().Check(App);
}
