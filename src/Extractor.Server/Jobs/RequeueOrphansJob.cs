using Extractor.Storage;
using Extractor.Storage.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Jobs;

/// <summary>
/// Enqueues documents that were stored but whose job was never created (the process stopped between the
/// upload's commit and the enqueue), so nothing accepted is ever lost. Runs every minute on the workers.
/// </summary>
public sealed class RequeueOrphansJob(ExtractorDbContext db, IBackgroundJobClient jobs, ILogger<RequeueOrphansJob> logger)
{
    public const string RecurringId = "requeue-orphans";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = DateTime.UtcNow.AddSeconds(-30);
        var orphans = await db.Documents
            .Where(d => d.Status == DocumentStatus.Queued && d.JobId == null && d.CreatedAt < cutoff)
            .OrderBy(d => d.CreatedAt).Take(500).ToListAsync(cancellationToken);
        foreach (var doc in orphans)
        {
            doc.JobId = Enqueue(jobs, doc.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (orphans.Count > 0)
        {
            logger.LogWarning("Enqueued {Count} document(s) that had no job", orphans.Count);
        }
    }

    public static string Enqueue(IBackgroundJobClient jobs, Guid documentId) =>
        jobs.Enqueue<ExtractDocumentJob>(j => j.RunAsync(documentId, CancellationToken.None));
}
