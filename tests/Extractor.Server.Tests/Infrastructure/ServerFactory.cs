using System.Globalization;
using Extractor.Server.Hosting;
using Extractor.Server.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Extractor.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process: real store (SQLite file or PostgreSQL database), real Hangfire server running
/// the real jobs (unless the role is api), real HTTP pipeline with API keys.
/// </summary>
public sealed class ServerFactory(TestStore store, ServerRole role = ServerRole.Both, JobHooks? hooks = null, int workers = 2)
    : WebApplicationFactory<Program>
{
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["admin"] = "test-admin-key",
        ["uploader"] = "test-uploader-key",
        ["analyst"] = "test-analyst-key",
        ["auditor"] = "test-auditor-key",
    };

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Extractor:Upload:MaxFileBytes"] = (4 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        ["Extractor:Upload:MaxRequestBytes"] = (16 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        ["Extractor:Upload:MaxZipRatio"] = "50",
        ["Extractor:Upload:MaxZipEntries"] = "20",
        ["Extractor:Upload:MaxFilesPerBatch"] = "30",
    };

    public LogCapture Logs { get; } = new();

    /// <summary>The host environment (Development and Production show their own error behaviour).</summary>
    public string EnvironmentName { get; set; } = "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(l => l.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Extractor:Store", store.Provider.ToString());
        builder.UseSetting("Extractor:DataDirectory", store.DataDirectory);
        builder.UseSetting("Extractor:Postgres", store.Postgres);
        builder.UseSetting("Extractor:Role", role.ToString());
        builder.UseSetting("Extractor:Worker:Count", workers.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Extractor:Worker:QueuePollIntervalMs", "100");
        builder.UseSetting("Extractor:Worker:ShutdownTimeoutSeconds", "10");
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        var i = 0;
        foreach (var (roleName, key) in Keys)
        {
            builder.UseSetting($"Extractor:ApiKeys:{i}:Name", $"test-{roleName}");
            builder.UseSetting($"Extractor:ApiKeys:{i}:Key", key);
            builder.UseSetting($"Extractor:ApiKeys:{i}:Roles:0", roleName);
            i++;
        }
        foreach (var (k, v) in Settings)
        {
            builder.UseSetting(k, v);
        }
        if (hooks is not null)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(hooks));
        }
    }

    /// <summary>A client sending the key of <paramref name="roleName"/> (or none when null).</summary>
    public HttpClient Client(string? roleName)
    {
        var client = CreateClient();
        if (roleName is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", Keys.TryGetValue(roleName, out var k) ? k : roleName);
        }
        return client;
    }
}
