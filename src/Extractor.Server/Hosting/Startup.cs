using Extractor.Server.Jobs;
using Extractor.Server.Security;
using Extractor.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Extractor.Server.Hosting;

/// <summary>What runs once before the server takes requests.</summary>
public static class Startup
{
    /// <summary>Applies the migrations of the configured provider (every role: whichever process starts first creates the schema).</summary>
    public static async Task PrepareStoreAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
        await StorageSetup.MigrateAsync(db);
        var options = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Extractor.Server");
        if (options.Role != ServerRole.Api)
        {
            app.Services.GetRequiredService<IRecurringJobManager>()
                .AddOrUpdate<RequeueOrphansJob>(RequeueOrphansJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        log.LogInformation("Extractor server: role {Role}, store {Store}, extractor {Version}", options.Role, options.Store, ExtractDocumentJob.CurrentVersion);
        if (app.Services.GetRequiredService<ApiKeyRing>().UsesDevelopmentKey)
        {
            // The documented development key only (README, docs/SERVICE.md); configured keys are never logged.
            log.LogWarning("Development: no API key configured; use the header {Header}: {Key} (admin). Never in production.",
                ApiKeyRing.HeaderName, ApiKeyRing.DevelopmentKey);
        }
    }
}
