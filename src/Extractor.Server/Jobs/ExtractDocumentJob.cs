using Extractor.Results;
using Extractor.Server.Isolation;
using Extractor.Server.Results;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Polly;

namespace Extractor.Server.Jobs;

/// <summary>
/// Extracts one stored document. Takes an id only and is idempotent: a document already extracted by this
/// extractor version is left alone, so a job run twice (a retry, a worker that died after saving) is harmless.
/// </summary>
/// <remarks>
/// Extraction runs in a worker process of <see cref="ExtractorPool"/>: a document that crashes the worker (a stack
/// overflow inside a library, the memory limit) or passes its deadline or memory budget fails that document only.
/// Worker deaths are counted on the document and saved before it is tried again; after
/// <see cref="IsolationOptions.MaxDeaths"/> it ends failed ("the extractor stopped on this file") and is never requeued,
/// also across restarts.
/// </remarks>
public sealed class ExtractDocumentJob(
    ExtractorDbContext db, DocumentExtractor extractor, ResultStore store, ResiliencePipeline retry,
    JobHooks hooks, ExtractorPool pool, IsolationOptions isolation, ILogger<ExtractDocumentJob> logger)
{
    public static readonly string CurrentVersion = new ExtractorInfo().Version;

    // A document that cannot be read ends its job Failed (shown so in the dashboard, named by its file), without retries.
    [AutomaticRetry(Attempts = 5, ExceptOn = [typeof(DocumentFailedException)])]
    [Web.DocumentJobDisplayName]
    public async Task RunAsync(Guid documentId, CancellationToken cancellationToken)
    {
        // Every line of the job carries the document id (a structured property in JSON logs).
        using var scope = logger.BeginScope("DocumentId:{DocumentId}", documentId);
        var work = await retry.ExecuteAsync(async ct => await ClaimAsync(documentId, ct), cancellationToken);
        if (work is null)
        {
            return;
        }
        if (hooks.BeforeExtract is { } hook)
        {
            await hook(documentId, cancellationToken);
        }
        var result = isolation.Enabled
            ? await ExtractIsolatedAsync(documentId, work.Value, cancellationToken)
            : ExtractInProcess(work.Value.Content, work.Value.FileName, cancellationToken);
        await retry.ExecuteAsync(async ct => await SaveAsync(documentId, result, ct), cancellationToken);
        if (result.Status == "failed")
        {
            throw new DocumentFailedException($"{work.Value.FileName}: {result.Error}");
        }
    }

    private ExtractionResult ExtractInProcess(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            return extractor.Extract(content, fileName, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The pipeline promises not to throw; if it does anyway, the document fails with the reason and the batch goes on.
            logger.LogError(ex, "Extractor threw on the document");
            return FailedResult(fileName, FailureMessages.ExtractorFailed);
        }
    }

    /// <summary>Extracts in a worker process; a worker death is saved on the document before the next try.</summary>
    private async Task<ExtractionResult> ExtractIsolatedAsync(Guid documentId, Work work, CancellationToken cancellationToken)
    {
        var deaths = work.Deaths;
        while (deaths < isolation.MaxDeaths)
        {
            var outcome = await pool.ExtractAsync(work.Content, work.FileName, cancellationToken);
            switch (outcome.End)
            {
                case IsolatedEnd.Finished when outcome.Result is { } finished:
                    logger.LogInformation("Extracted in a worker in {Ms} ms ({Detail})", (long)outcome.Elapsed.TotalMilliseconds, outcome.Detail);
                    return finished;
                case IsolatedEnd.OverTime:
                    logger.LogWarning("Stopped: {Detail}", outcome.Detail);
                    return FailedResult(work.FileName, FailureMessages.OverTime(outcome.Budget.Deadline));
                case IsolatedEnd.OverMemory:
                    logger.LogWarning("Stopped: {Detail}", outcome.Detail);
                    return FailedResult(work.FileName, FailureMessages.OverMemory(outcome.Budget.MemoryMb));
            }
            deaths++;
            logger.LogError("The extraction worker died on the document (death {Deaths} of {Max}): {Detail}", deaths, isolation.MaxDeaths, outcome.Detail);
            await retry.ExecuteAsync(async ct => await SaveDeathsAsync(documentId, deaths, ct), cancellationToken);
        }
        return FailedResult(work.FileName, FailureMessages.ExtractorStopped);
    }

    private async Task SaveDeathsAsync(Guid documentId, int deaths, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var doc = await db.Documents.SingleAsync(d => d.Id == documentId, ct);
        doc.ExtractorDeaths = deaths;
        doc.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    private static ExtractionResult FailedResult(string fileName, string reason) => new()
    {
        Status = "failed",
        Error = reason,
        Document = new DocumentInfo { FileName = fileName, Sha256 = "" },
    };

    private readonly record struct Work(string FileName, byte[] Content, int Deaths);

    private async Task<Work?> ClaimAsync(Guid documentId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (doc is null)
        {
            logger.LogWarning("Document not found; nothing to do");
            return null;
        }
        if (doc.Status is DocumentStatus.Done or DocumentStatus.Failed && doc.ExtractorVersion == CurrentVersion)
        {
            logger.LogInformation("Already extracted by version {Version}; skipped", CurrentVersion);
            return null;
        }
        doc.Status = DocumentStatus.Processing;
        doc.Attempts++;
        doc.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        var content = await db.Files.Where(f => f.Sha256 == doc.Sha256).Select(f => f.Content).SingleAsync(ct);
        logger.LogInformation("Extracting {FileName} ({Bytes} bytes), attempt {Attempt}", doc.FileName, content.Length, doc.Attempts);
        return new Work(doc.FileName, content, doc.ExtractorDeaths);
    }

    private async Task SaveAsync(Guid documentId, ExtractionResult result, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var doc = await db.Documents.SingleAsync(d => d.Id == documentId, ct);
        var failed = result.Status == "failed";
        doc.Status = failed ? DocumentStatus.Failed : DocumentStatus.Done;
        doc.Error = failed ? FailureMessages.ForApi(doc.FileName, result.Error) : null;
        doc.RawResultJson = ResultJson.Serialize(result);
        doc.ExtractorVersion = CurrentVersion;
        doc.ProcessedAt = DateTime.UtcNow;
        await store.SaveComposedAsync(doc, ct);
        if (failed)
        {
            logger.LogWarning("Document failed: {Reason}", doc.Error);
        }
        else
        {
            logger.LogInformation("Document extracted: {Ok} ok, {Review} review, {Missing} missing, {FailedChecks} failed checks",
                doc.OkCount, doc.ReviewCount, doc.MissingCount, doc.FailedCheckCount);
        }
    }
}

/// <summary>Ends the job of a document that could not be read as Failed (the document is saved failed first).</summary>
public sealed class DocumentFailedException(string message) : Exception(message);
