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
        return app;
    }
}
