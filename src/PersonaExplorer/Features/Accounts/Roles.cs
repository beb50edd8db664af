namespace PersonaExplorer.Features.Accounts;

/// <summary>
/// The three roles (role claims with exactly these names). Every account may explore (Member); Researcher adds /study;
/// Admin adds /admin. The first account has all three.
/// </summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Researcher = "Researcher";
    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Admin, Researcher, Member];
}

/// <summary>Authorization policy names.</summary>
public static class AccountPolicies
{
    /// <summary>A signed-in, approved account: the fallback for every page and endpoint without its own rule.</summary>
    public const string Member = "Member";
    public const string Researcher = "Researcher";
    public const string Admin = "Admin";
}
