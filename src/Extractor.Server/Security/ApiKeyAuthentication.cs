using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Extractor.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Extractor.Server.Security;

/// <summary>The keys this process accepts, held as SHA-256 hashes so a key never sits in memory dumps of options or logs.</summary>
public sealed class ApiKeyRing
{
    public const string HeaderName = "X-Api-Key";
    public const string DevelopmentKey = "dev-admin-key";
    public const string AdminKeyVariable = "EXTRACTOR_ADMIN_KEY";

    private readonly List<(byte[] Hash, string Name, string[] Roles)> _keys = [];

    public int Count => _keys.Count;

    public bool UsesDevelopmentKey { get; private set; }

    public void Add(string name, string key, IEnumerable<string> roles)
    {
        var unknown = roles.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(key) || unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"API key '{name}' is invalid: it needs a name, a key and roles among {string.Join(", ", Roles.All)}" +
                (unknown.Count > 0 ? $" (unknown: {string.Join(", ", unknown)})" : ""));
        }
        _keys.Add((Hash(key), name, roles.ToArray()));
    }

    /// <summary>
    /// Configured keys, plus the bootstrap admin key from <see cref="AdminKeyVariable"/>. With none at all, only
    /// Development starts, with the documented <see cref="DevelopmentKey"/>; elsewhere start-up is refused.
    /// </summary>
    public static ApiKeyRing Build(ServerOptions options, string? bootstrapAdminKey, bool isDevelopment)
    {
        var ring = new ApiKeyRing();
        foreach (var k in options.ApiKeys)
        {
            ring.Add(k.Name, k.Key, k.Roles);
        }
        if (!string.IsNullOrWhiteSpace(bootstrapAdminKey))
        {
            ring.Add("bootstrap-admin", bootstrapAdminKey, [Roles.Admin]);
        }
        if (ring.Count == 0)
        {
            if (!isDevelopment)
            {
                throw new InvalidOperationException(
                    $"No API key is configured: set {AdminKeyVariable} or Extractor:ApiKeys (or run in Development for the documented dev key).");
            }
            ring.Add("dev-admin", DevelopmentKey, [Roles.Admin]);
            ring.UsesDevelopmentKey = true;
        }
        return ring;
    }

    public (string Name, string[] Roles)? Find(string presented)
    {
        var hash = Hash(presented);
        foreach (var (h, name, roles) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(h, hash))
            {
                return (name, roles);
            }
        }
        return null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>Authenticates <c>X-Api-Key</c>: the principal's name is the key's name, its roles the key's roles.</summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing ring)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyRing.HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var found = ring.Find(values.ToString());
        if (found is null)
        {
            // The presented key is never logged or echoed.
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, found.Value.Name) };
        claims.AddRange(found.Value.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{ApiKeyRing.HeaderName}\"";
        return Hosting.ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, $"a valid API key is required in the {ApiKeyRing.HeaderName} header");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        return Hosting.ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "this API key's roles do not allow this request");
    }
}

public static class SecuritySetup
{
    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services, ApiKeyRing ring)
    {
        services.AddSingleton(ring);
        services.AddAuthentication(ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicies();
        return services;
    }

    private static void AddPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in Policies.RolesOf)
        {
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
    }
}
