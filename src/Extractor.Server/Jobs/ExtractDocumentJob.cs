using Extractor.Results;
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
public sealed class ExtractDocumentJob(
    ExtractorDbContext db, DocumentExtractor extractor, ResultStore store, ResiliencePipeline retry,
    JobHooks hooks, ILogger<ExtractDocumentJob> logger)
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
        ExtractionResult result;
        try
        {
            result = extractor.Extract(work.Value.Content, work.Value.FileName, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The pipeline promises not to throw; if it does anyway, the document fails with the reason and the batch goes on.
            logger.LogError(ex, "Extractor threw on the document");
            result = new ExtractionResult
            {
                Status = "failed",
                Error = $"the extractor failed: {ex.GetType().Name}: {ex.Message}",
                Document = new DocumentInfo { FileName = work.Value.FileName, Sha256 = "" },
            };
        }
        await retry.ExecuteAsync(async ct => await SaveAsync(documentId, result, ct), cancellationToken);
        if (result.Status == "failed")
        {
            throw new DocumentFailedException($"{work.Value.FileName}: {result.Error}");
        }
    }

    private async Task<(string FileName, byte[] Content)?> ClaimAsync(Guid documentId, CancellationToken ct)
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
        return (doc.FileName, content);
    }

    private async Task SaveAsync(Guid documentId, ExtractionResult result, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var doc = await db.Documents.SingleAsync(d => d.Id == documentId, ct);
        var failed = result.Status == "failed";
        doc.Status = failed ? DocumentStatus.Failed : DocumentStatus.Done;
        doc.Error = failed ? result.Error ?? "the document could not be read" : null;
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
