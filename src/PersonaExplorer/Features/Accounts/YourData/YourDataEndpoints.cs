using Microsoft.AspNetCore.Identity;
using PersonaExplorer.Features.Accounts.Ownership;

namespace PersonaExplorer.Features.Accounts.YourData;

/// <summary>
/// GET /account/data downloads everything the app holds about the caller; POST /account/delete-data hard-deletes it
/// (with account=delete, the sign-in account too, and signs out).
/// Both act on the caller's own owner id only — there is no id in the request to point at anyone else.
/// The account pages (accounts) link them; account deletion calls <see cref="PersonalData.DeleteAllAsync"/>.
/// </summary>
public static class YourDataEndpoints
{
    public const string DataPath = "/account/data";
    public const string DeletePath = "/account/delete-data";

    public static IEndpointRouteBuilder MapYourData(this IEndpointRouteBuilder app)
    {
        app.MapGet(DataPath, async (CurrentPerson person, PersonalData data, HttpContext http) =>
        {
            var owner = await person.OwnerIdAsync();
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"personaexplorer-my-data.json\"";
            http.Response.ContentType = "application/json; charset=utf-8";
            await data.WriteJsonAsync(owner, http.Response.Body, http.RequestAborted);
        });
        // A form post: binding the form makes the endpoint check the antiforgery token, so no other site can trigger it.
        app.MapPost(DeletePath, async (IFormCollection form, CurrentPerson person, PersonalData data, UserAdmin accounts,
            SignInManager<IdentityUser> signIn, HttpContext http) =>
        {
            if (form["confirm"] != "delete") return Results.BadRequest("Type \"delete\" to confirm: this removes all your profiles, sessions and events for good.");
            var owner = await person.OwnerIdAsync();
            var withAccount = form["account"] == "delete";
            // Checked before anything is deleted: a refused account deletion keeps the data too.
            if (withAccount && await accounts.WhyNotDeleteAsync(owner) is { } why) return Results.BadRequest(why);
            await data.DeleteAllAsync(owner, http.RequestAborted);
            if (!withAccount) return Results.Redirect("/?data-deleted=1");
            if (await accounts.DeleteAsync(owner) is { } error) return Results.BadRequest(error);
            await signIn.SignOutAsync();
            return Results.Redirect(AccountEndpoints.LoginPath + "?deleted=1");
        });
        return app;
    }
}
