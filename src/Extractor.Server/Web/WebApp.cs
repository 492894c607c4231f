using Extractor.Server.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MudBlazor.Services;

namespace Extractor.Server.Web;

/// <summary>The browser side: Blazor components (static sign-in, live pages), MudBlazor, the sign-out endpoint.</summary>
public static class WebApp
{
    public static IServiceCollection AddWebApp(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, Identity.SessionRevalidation>();
        services.AddMudServices();
        services.AddScoped<WebData>();
        return services;
    }

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPost("/account/logout", async (SignInManager<IdentityUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        }).AllowAnonymous();
        // Keeps the session of someone working on a live page (no page loads, so no cookie renewal otherwise);
        // web.js calls it at most once a minute, and only after keyboard or mouse activity.
        app.MapGet("/account/ping", () => TypedResults.NoContent()).RequireAuthorization();
        return app;
    }
}
