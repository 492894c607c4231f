using Extractor.Server.Hosting;
using Extractor.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Identity;

/// <summary>
/// Browser sign-in beside the API keys: Identity accounts with a cookie session. One policy scheme picks per
/// request: the API key when the header is sent, the session cookie when a browser has one; /api (and any
/// request that does not ask for HTML) without either is answered by the API key scheme, so scripts still get
/// JSON 401 and never a redirect to the sign-in page.
/// </summary>
public static class WebSecurity
{
    public const string Scheme = "Extractor";
    public const string CookieName = "extractor.session";
    public const string LoginPath = "/account/login";

    /// <summary>The documented Development account (README); never created outside Development.</summary>
    public const string DevelopmentUser = "admin";
    public const string DevelopmentPassword = "dev-admin-password";

    public const string AdminUserVariable = "EXTRACTOR_ADMIN_USER";
    public const string AdminPasswordVariable = "EXTRACTOR_ADMIN_PASSWORD";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static IServiceCollection AddWebAccounts(this IServiceCollection services, ServerOptions options, IConfiguration configuration)
    {
        AccountDbContext.Add(services, options.Store, StoreSetup.ConnectionString(options, configuration));
        // Session cookies stay readable across instances and restarts: the keys live in the accounts' tables.
        services.AddDataProtection().SetApplicationName("Extractor").PersistKeysToDbContext<AccountDbContext>();
        services.AddIdentity<IdentityUser, IdentityRole>(o =>
            {
                // 等保 basics: at least 12 characters; 5 failures lock the account for 15 minutes.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AccountDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>();
        // A disabled user or a reset password ends open sessions within a minute (the security stamp is re-checked).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = LoginPath;
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            // Idle sign-out: the session ends 30 minutes after the last request (sliding expiry).
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => Api(ctx, StatusCodes.Status401Unauthorized, "the session has expired: sign in again", () => ctx.Response.Redirect(ctx.RedirectUri));
            o.Events.OnRedirectToAccessDenied = ctx => Api(ctx, StatusCodes.Status403Forbidden, "this account's roles do not allow this request", () => ctx.Response.Redirect(ctx.RedirectUri));
        });
        services.AddAuthentication().AddPolicyScheme(Scheme, "API key or browser session", o => o.ForwardDefaultSelector = Select);
        // Registered after AddApiKeySecurity and AddIdentity, so these defaults win: every policy (Policies.RolesOf)
        // is then met by an API key or a session with the same roles.
        services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = Scheme;
            o.DefaultAuthenticateScheme = Scheme;
            o.DefaultChallengeScheme = Scheme;
            o.DefaultForbidScheme = Scheme;
            o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignOutScheme = IdentityConstants.ApplicationScheme;
        });
        return services;
    }

    internal static string Select(HttpContext http)
    {
        var request = http.Request;
        if (request.Headers.ContainsKey(ApiKeyRing.HeaderName))
        {
            return ApiKeyHandler.SchemeName;
        }
        if (request.Cookies.ContainsKey(CookieName))
        {
            return IdentityConstants.ApplicationScheme;
        }
        if (IsApi(request))
        {
            return ApiKeyHandler.SchemeName;
        }
        // A browser navigating (it asks for HTML) is sent to the sign-in page; anything else answers JSON.
        return request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            ? IdentityConstants.ApplicationScheme
            : ApiKeyHandler.SchemeName;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/health");

    private static Task Api(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx,
        int status, string message, Action redirect)
    {
        var accept = ctx.Request.Headers.Accept.ToString();
        if (IsApi(ctx.Request) || !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return Hosting.ApiProblems.WriteAsync(ctx.HttpContext, status, message);
        }
        redirect();
        return Task.CompletedTask;
    }

    /// <summary>Applies the accounts' migrations, creates the four roles and the first admin (see <see cref="AdminUserVariable"/>).</summary>
    public static async Task PrepareAccountsAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AccountDbContext>();
        await db.Database.MigrateAsync();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var users = sp.GetRequiredService<UserManager<IdentityUser>>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Extractor.Server.Accounts");
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            if (app.Environment.IsDevelopment() && await users.FindByNameAsync(DevelopmentUser) is { } dev && await users.CheckPasswordAsync(dev, DevelopmentPassword))
            {
                LogDevelopmentHint(log);
            }
            return;
        }
        var name = Environment.GetEnvironmentVariable(AdminUserVariable);
        var password = Environment.GetEnvironmentVariable(AdminPasswordVariable);
        if (!string.IsNullOrWhiteSpace(name) && !string.IsNullOrEmpty(password))
        {
            var error = await CreateUserAsync(users, name.Trim(), password, [Roles.Admin]);
            if (error is not null)
            {
                throw new InvalidOperationException($"{AdminUserVariable}: the first admin '{name}' could not be created: {error}");
            }
            log.LogInformation("Created the first admin account '{User}' from {Variable}", name.Trim(), AdminUserVariable);
        }
        else if (app.Environment.IsDevelopment())
        {
            var error = await CreateUserAsync(users, DevelopmentUser, DevelopmentPassword, [Roles.Admin]);
            if (error is not null)
            {
                throw new InvalidOperationException($"the Development account could not be created: {error}");
            }
            LogDevelopmentHint(log);
        }
        else
        {
            log.LogWarning("No admin account: set {User} and {Password} to create the first one at start", AdminUserVariable, AdminPasswordVariable);
        }
    }

    private static void LogDevelopmentHint(ILogger log) =>
        log.LogWarning("Development: sign in at {Path} as {User} / {Password} (admin). Never in production.", LoginPath, DevelopmentUser, DevelopmentPassword);

    /// <summary>Creates a user with roles; the error in Chinese, or null.</summary>
    public static async Task<string?> CreateUserAsync(UserManager<IdentityUser> users, string name, string password, IEnumerable<string> roles)
    {
        var user = new IdentityUser(name);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return string.Join("；", created.Errors.Select(e => e.Description));
        }
        var added = await users.AddToRolesAsync(user, roles);
        return added.Succeeded ? null : string.Join("；", added.Errors.Select(e => e.Description));
    }
}

/// <summary>Identity's messages in Chinese (the ones a user of these pages can meet).</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少需要 {uniqueChars} 个不同的字符" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已存在" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效：只能包含字母、数字和 -._@+" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "数据已被他人修改，请刷新后重试" };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"用户已有角色 {role}" };
    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = $"用户没有角色 {role}" };
}
