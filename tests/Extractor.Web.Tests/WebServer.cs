using System.Globalization;
using Extractor.Server.Identity;
using Extractor.Server.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Extractor.Web.Tests;

/// <summary>
/// The real server on 127.0.0.1 (Kestrel on a free port) with a SQLite file of its own and a Hangfire worker,
/// accounts for each role, and Debian's chromium driven by Playwright (no browser download).
/// </summary>
public sealed class WebServer : IAsyncLifetime
{
    public const string Password = "web-test-password-1";
    public const string ApiKey = "web-test-admin-key";

    public static readonly IReadOnlyDictionary<string, string[]> Accounts = new Dictionary<string, string[]>
    {
        ["admin1"] = [Roles.Admin],
        ["auditor1"] = [Roles.Auditor],
        ["analyst1"] = [Roles.Analyst],
        ["uploader1"] = [Roles.Uploader],
        ["locked1"] = [Roles.Uploader],
    };

    private Factory? _factory;
    private IPlaywright? _playwright;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("extractor-web-test-").FullName;
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        if (Chromium.Missing is { } why)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI=true: {why}");
            }
            return;
        }
        _factory = new Factory(DataDirectory);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)).First().TrimEnd('/');
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            foreach (var (name, roles) in Accounts)
            {
                var error = await WebSecurity.CreateUserAsync(users, name, Password, roles);
                Assert.True(error is null, error);
            }
        }
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A new browser context (own cookies). Waits are bounded generously (the suite runs beside the other test
    /// projects in CI); a timeout is a failure, never an assertion about speed.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1500, Height = 1000 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    /// <summary>A new browser context, signed in as <paramref name="user"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string user)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        Watch(page);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync("[data-testid=current-user]");
        // The start page forwards to upload or documents; wait for it, so the test's own navigation does not race it.
        await page.WaitForURLAsync(url => url.Contains("/upload", StringComparison.Ordinal) || url.Contains("/documents", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Browser console errors and failed requests, shown by the tests when they fail.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> BrowserLog { get; } = new();

    public void Watch(IPage page)
    {
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                BrowserLog.Enqueue($"console {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => BrowserLog.Enqueue($"page error: {e}");
        page.RequestFailed += (_, r) => BrowserLog.Enqueue($"request failed: {r.Url} {r.Failure}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                BrowserLog.Enqueue($"HTTP {r.Status}: {r.Url}");
            }
        };
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the stopping worker; the temp folder is cleaned by the system
        }
    }

    private sealed class Factory(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Outside Development the build output's static assets (MudBlazor's, Blazor's script) are found through
            // the static web assets manifest only when asked; a published server has them in wwwroot.
            builder.UseStaticWebAssets();
            builder.UseSetting("Extractor:Store", "Sqlite");
            builder.UseSetting("Extractor:DataDirectory", dataDirectory);
            builder.UseSetting("Extractor:Worker:Count", "2");
            builder.UseSetting("Extractor:Worker:QueuePollIntervalMs", "200");
            builder.UseSetting("Extractor:Worker:ShutdownTimeoutSeconds", "5");
            builder.UseSetting("Extractor:ApiKeys:0:Name", "web-test-admin");
            builder.UseSetting("Extractor:ApiKeys:0:Key", ApiKey);
            builder.UseSetting("Extractor:ApiKeys:0:Roles:0", Roles.Admin);
            builder.UseSetting("Extractor:Upload:MaxFileBytes", (16 * 1024 * 1024).ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>Debian's chromium on PATH; the browser tests are skipped, saying why, without it.</summary>
public static class Chromium
{
    public static string? Path { get; } = Find();

    public static string? Missing => Path is null ? "needs chromium on PATH (Debian package chromium; not installed here)" : null;

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}

/// <summary>
/// A fact skipped, with the reason shown, when chromium is not installed; under CI=true (CI installs it) it is
/// not skipped, so a machine without chromium fails the run instead of passing it quietly.
/// </summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        var onCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (Chromium.Missing is { } why && !onCi)
        {
            Skip = why + " (scripts/install-test-tools.sh installs it)";
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebServer>
{
    public const string Name = "web";
}

public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string TestData(string relative) => System.IO.Path.Combine(Root, "testdata", relative);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Extractor.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("Extractor.sln not found above the test binaries");
    }
}
