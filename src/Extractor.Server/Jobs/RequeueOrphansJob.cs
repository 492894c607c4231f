using Extractor.Storage;
using Extractor.Storage.Entities;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Jobs;

/// <summary>
/// Keeps every accepted document moving; runs every minute on the workers:
/// 1. a document stored without a job (the process stopped between the upload's commit and the enqueue) is enqueued;
/// 2. a document whose job Hangfire gave up on (retries exhausted) ends failed with the job's last error;
/// 3. a document whose job disappeared from Hangfire (expired, deleted) is enqueued again;
/// 4. a document whose job is Processing on a Hangfire server that is gone (no heartbeat for
///    <see cref="DeadServerAfter"/>: killed, its machine lost) is requeued, should Hangfire's own
///    invisibility timeout not have given it to another worker by then.
/// So nothing accepted is lost and no document stays queued or processing for ever.
/// </summary>
public sealed class RequeueOrphansJob(ExtractorDbContext db, IBackgroundJobClient jobs, JobStorage storage, ILogger<RequeueOrphansJob> logger)
{
    public const string RecurringId = "requeue-orphans";

    /// <summary>Hangfire servers beat every 30 s; one silent this long is taken for dead.</summary>
    public static readonly TimeSpan DeadServerAfter = TimeSpan.FromMinutes(2);

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = DateTime.UtcNow.AddSeconds(-30);
        var stalled = await db.Documents
            .Where(d => (d.Status == DocumentStatus.Queued || d.Status == DocumentStatus.Processing) && d.UpdatedAt < cutoff)
            .OrderBy(d => d.UpdatedAt).Take(500).ToListAsync(cancellationToken);
        var (enqueued, failed, requeued) = (0, 0, 0);
        var live = stalled.Count == 0 ? [] : LiveServers();
        using (var connection = storage.GetConnection())
        {
            foreach (var doc in stalled)
            {
                var state = doc.JobId is null ? null : connection.GetStateData(doc.JobId);
                if (doc.JobId is null || state is null || state.Name == DeletedState.StateName)
                {
                    doc.JobId = Enqueue(jobs, doc.Id);
                    doc.UpdatedAt = DateTime.UtcNow;
                    enqueued++;
                }
                else if (state.Name == FailedState.StateName)
                {
                    var type = (state.Data.TryGetValue("ExceptionType", out var t) ? t : null) ?? "error";
                    var message = (state.Data.TryGetValue("ExceptionMessage", out var m) ? m : null) ?? "";
                    doc.Status = DocumentStatus.Failed;
                    // The exception is for the log; the document says in plain words that the service, not the file, failed.
                    logger.LogWarning("Document {DocumentId}: its job gave up after its retries: {Type}: {Message}", doc.Id, type, message);
                    doc.Error = FailureMessages.RetriesExhausted(doc.FileName);
                    doc.UpdatedAt = DateTime.UtcNow;
                    failed++;
                }
                else if (state.Name == ProcessingState.StateName && state.Data.TryGetValue("ServerId", out var server) && !live.Contains(server)
                    && jobs.ChangeState(doc.JobId, new EnqueuedState { Reason = $"its server {server} is gone" }, ProcessingState.StateName))
                {
                    doc.UpdatedAt = DateTime.UtcNow;
                    requeued++;
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (enqueued + failed + requeued > 0)
        {
            logger.LogWarning("Sweep: {Enqueued} document(s) enqueued again, {Failed} marked failed after their job gave up, {Requeued} requeued from a dead server",
                enqueued, failed, requeued);
        }
    }

    /// <summary>Hangfire servers that beat within <see cref="DeadServerAfter"/>.</summary>
    private HashSet<string> LiveServers() =>
        storage.GetMonitoringApi().Servers()
            .Where(s => s.Heartbeat is { } beat && DateTime.UtcNow - beat < DeadServerAfter)
            .Select(s => s.Name)
            .ToHashSet(StringComparer.Ordinal);

    public static string Enqueue(IBackgroundJobClient jobs, Guid documentId) =>
        jobs.Enqueue<ExtractDocumentJob>(j => j.RunAsync(documentId, CancellationToken.None));
}
